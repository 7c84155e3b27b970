-- The lending library on MariaDB (also read through MySQL's driver): 39 tables with what MariaDB has
-- of retort's model: AUTO_INCREMENT, inline enums and sets, JSON, stored and virtual generated
-- columns, expression defaults and ON UPDATE, comments, checks, foreign keys with actions, prefix,
-- descending, unique and full-text indexes, engines and collations, sequences, views. One database:
-- the tables of other databases are not compared (a scratch database holds one database's tables).

CREATE SEQUENCE ticket_numbers START WITH 1000 INCREMENT BY 10 CACHE 20;
CREATE SEQUENCE invoice_numbers START WITH 100000 MAXVALUE 999999 CYCLE;
CREATE SEQUENCE legacy_member_ids INCREMENT BY -1;

CREATE TABLE publishers (
    id INT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    country CHAR(2),
    website TEXT,
    CONSTRAINT uq_publishers_name UNIQUE (name)
) COMMENT 'who prints the books';

CREATE TABLE authors (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(300) NOT NULL,
    born DATE,
    died DATE,
    bio TEXT COMMENT 'short biography, Markdown',
    CONSTRAINT ck_authors_lifetime CHECK (died IS NULL OR died >= born)
);

CREATE TABLE books (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    isbn CHAR(13) NOT NULL COMMENT 'ISBN-13, digits only',
    title VARCHAR(500) NOT NULL,
    subtitle VARCHAR(500),
    publisher_id INT,
    published_on DATE,
    pages INT,
    price DECIMAL(10, 2) NOT NULL DEFAULT 0,
    language VARCHAR(8) NOT NULL DEFAULT 'en',
    formats SET('print', 'ebook', 'audio') NOT NULL DEFAULT 'print',
    metadata JSON,
    title_upper VARCHAR(500) AS (UPPER(title)) VIRTUAL,
    sort_title VARCHAR(500) AS (LOWER(COALESCE(subtitle, title))) STORED,
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP ON UPDATE CURRENT_TIMESTAMP,
    CONSTRAINT uq_books_isbn UNIQUE (isbn),
    CONSTRAINT ck_books_pages CHECK (pages > 0),
    CONSTRAINT fk_books_publisher FOREIGN KEY (publisher_id) REFERENCES publishers (id) ON DELETE SET NULL
) COMMENT 'one row per edition';
CREATE INDEX ix_books_title ON books (title(40));
CREATE INDEX ix_books_priced ON books (published_on DESC, price);
CREATE INDEX ix_books_publisher ON books (publisher_id, published_on DESC);
CREATE FULLTEXT INDEX ix_books_fulltext ON books (title, subtitle);

CREATE TABLE book_authors (
    book_id BIGINT NOT NULL,
    author_id BIGINT NOT NULL,
    position SMALLINT NOT NULL DEFAULT 1,
    PRIMARY KEY (book_id, author_id),
    CONSTRAINT fk_book_authors_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
    CONSTRAINT fk_book_authors_author FOREIGN KEY (author_id) REFERENCES authors (id) ON DELETE RESTRICT
);
CREATE INDEX ix_book_authors_author ON book_authors (author_id);

CREATE TABLE genres (
    id SMALLINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(100) NOT NULL,
    parent_id SMALLINT,
    CONSTRAINT uq_genres_name UNIQUE (name),
    CONSTRAINT fk_genres_parent FOREIGN KEY (parent_id) REFERENCES genres (id)
);

CREATE TABLE book_genres (
    book_id BIGINT NOT NULL,
    genre_id SMALLINT NOT NULL,
    PRIMARY KEY (genre_id, book_id),
    CONSTRAINT fk_book_genres_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
    CONSTRAINT fk_book_genres_genre FOREIGN KEY (genre_id) REFERENCES genres (id) ON DELETE CASCADE
);

CREATE TABLE series (
    id INT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(300) NOT NULL
);

CREATE TABLE series_books (
    series_id INT NOT NULL,
    book_id BIGINT NOT NULL,
    volume DECIMAL(5, 1) NOT NULL,
    PRIMARY KEY (series_id, volume),
    CONSTRAINT uq_series_books_book UNIQUE (series_id, book_id),
    CONSTRAINT fk_series_books_series FOREIGN KEY (series_id) REFERENCES series (id) ON DELETE CASCADE,
    CONSTRAINT fk_series_books_book FOREIGN KEY (book_id) REFERENCES books (id)
);

CREATE TABLE translations (
    book_id BIGINT NOT NULL,
    language VARCHAR(8) NOT NULL,
    title VARCHAR(500) NOT NULL,
    translator VARCHAR(300),
    PRIMARY KEY (book_id, language),
    CONSTRAINT fk_translations_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE
);

CREATE TABLE tags (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    CONSTRAINT ck_tags_name CHECK (name = LOWER(name))
);
CREATE UNIQUE INDEX uq_tags_name ON tags (name DESC);

CREATE TABLE book_tags (
    book_id BIGINT NOT NULL,
    tag_id BIGINT NOT NULL,
    PRIMARY KEY (book_id, tag_id),
    CONSTRAINT fk_book_tags_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
    CONSTRAINT fk_book_tags_tag FOREIGN KEY (tag_id) REFERENCES tags (id) ON DELETE CASCADE
);

CREATE TABLE members (
    id CHAR(36) NOT NULL DEFAULT (UUID()) PRIMARY KEY,
    email VARCHAR(254) NOT NULL,
    display_name VARCHAR(100),
    mood ENUM('sad', 'ok', 'happy') DEFAULT 'ok' COMMENT 'how they felt at sign-up',
    joined_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    birth_date DATE,
    card_number BIGINT NOT NULL DEFAULT (NEXT VALUE FOR ticket_numbers),
    newsletter BOOLEAN NOT NULL DEFAULT FALSE,
    favourite_genre_id SMALLINT,
    CONSTRAINT uq_members_email UNIQUE (email),
    CONSTRAINT ck_members_birth CHECK (birth_date > '1900-01-01')
) COMMENT 'people with a library card';
CREATE INDEX ix_members_name ON members (display_name);

CREATE TABLE member_addresses (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id CHAR(36) NOT NULL,
    kind VARCHAR(10) NOT NULL,
    line1 VARCHAR(200) NOT NULL,
    line2 VARCHAR(200),
    city VARCHAR(100) NOT NULL,
    postcode VARCHAR(16),
    country CHAR(2) NOT NULL DEFAULT 'GB',
    CONSTRAINT ck_member_addresses_kind CHECK (kind IN ('home', 'work', 'other')),
    CONSTRAINT fk_member_addresses_member FOREIGN KEY (member_id) REFERENCES members (id)
        ON DELETE CASCADE ON UPDATE CASCADE
);
CREATE INDEX ix_member_addresses_member ON member_addresses (member_id);

CREATE TABLE libraries (
    id SMALLINT AUTO_INCREMENT PRIMARY KEY,
    name VARCHAR(200) NOT NULL,
    opened_on DATE,
    opens TIME NOT NULL DEFAULT '09:00:00',
    closes TIME NOT NULL DEFAULT '18:00:00',
    latitude DOUBLE,
    longitude DOUBLE,
    CONSTRAINT ck_libraries_hours CHECK (closes > opens)
);

CREATE TABLE shelves (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    library_id SMALLINT NOT NULL,
    code VARCHAR(12) NOT NULL,
    floor SMALLINT NOT NULL DEFAULT 0,
    CONSTRAINT uq_shelves_code UNIQUE (library_id, code),
    CONSTRAINT fk_shelves_library FOREIGN KEY (library_id) REFERENCES libraries (id)
);

CREATE TABLE copies (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    book_id BIGINT NOT NULL,
    shelf_id BIGINT,
    barcode VARCHAR(32) NOT NULL,
    `condition` VARCHAR(10) NOT NULL DEFAULT 'good',
    acquired_on DATE NOT NULL DEFAULT (CURRENT_DATE),
    price_paid DECIMAL(8, 2),
    CONSTRAINT uq_copies_barcode UNIQUE (barcode),
    CONSTRAINT ck_copies_condition CHECK (`condition` IN ('new', 'good', 'worn', 'damaged')),
    CONSTRAINT fk_copies_book FOREIGN KEY (book_id) REFERENCES books (id),
    CONSTRAINT fk_copies_shelf FOREIGN KEY (shelf_id) REFERENCES shelves (id) ON DELETE SET NULL
);
CREATE INDEX ix_copies_book ON copies (book_id);

CREATE TABLE loans (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    copy_id BIGINT NOT NULL,
    member_id CHAR(36) NOT NULL,
    status ENUM('open', 'returned', 'lost') NOT NULL DEFAULT 'open',
    loaned_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    due_at DATETIME(6) NOT NULL DEFAULT (CURRENT_TIMESTAMP(6) + INTERVAL 21 DAY),
    returned_at DATETIME(6),
    renewals SMALLINT NOT NULL DEFAULT 0,
    CONSTRAINT fk_loans_copy FOREIGN KEY (copy_id) REFERENCES copies (id),
    CONSTRAINT fk_loans_member FOREIGN KEY (member_id) REFERENCES members (id),
    CONSTRAINT ck_loans_due CHECK (due_at > loaned_at),
    CONSTRAINT ck_loans_renewals CHECK (renewals BETWEEN 0 AND 3)
);
CREATE INDEX ix_loans_due ON loans (status, due_at);
CREATE INDEX ix_loans_member ON loans (member_id, loaned_at DESC);

CREATE TABLE reservations (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id CHAR(36) NOT NULL,
    book_id BIGINT NOT NULL,
    placed_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    queue_position INT NOT NULL,
    CONSTRAINT uq_reservations_queue UNIQUE (book_id, queue_position),
    CONSTRAINT fk_reservations_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT fk_reservations_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE
);

CREATE TABLE reviews (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    book_id BIGINT NOT NULL,
    member_id CHAR(36),
    rating TINYINT NOT NULL CHECK (rating BETWEEN 1 AND 5),
    body TEXT,
    created_at DATETIME(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3),
    helpful_votes INT NOT NULL DEFAULT 0,
    CONSTRAINT fk_reviews_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE,
    CONSTRAINT fk_reviews_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE SET NULL
);
CREATE INDEX ix_reviews_book_rating ON reviews (book_id, rating DESC);

CREATE TABLE review_votes (
    review_id BIGINT NOT NULL,
    member_id CHAR(36) NOT NULL,
    helpful BOOLEAN NOT NULL,
    PRIMARY KEY (review_id, member_id),
    CONSTRAINT fk_review_votes_review FOREIGN KEY (review_id) REFERENCES reviews (id) ON DELETE CASCADE,
    CONSTRAINT fk_review_votes_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);

CREATE TABLE reading_progress (
    member_id CHAR(36) NOT NULL,
    book_id BIGINT NOT NULL,
    reading_location_cfi VARCHAR(500),
    scroll_offset_percent DOUBLE NOT NULL DEFAULT 0.0 COMMENT 'Scroll offset within page (0-100%)',
    updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6) ON UPDATE CURRENT_TIMESTAMP(6),
    PRIMARY KEY (member_id, book_id),
    CONSTRAINT check_scroll_offset_range CHECK (scroll_offset_percent >= 0.0 AND scroll_offset_percent <= 100.0),
    CONSTRAINT fk_reading_progress_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE,
    CONSTRAINT fk_reading_progress_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE
);
CREATE INDEX idx_reading_progress_cfi ON reading_progress (book_id, member_id, reading_location_cfi(100));

CREATE TABLE reading_lists (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id CHAR(36) NOT NULL,
    name VARCHAR(200) NOT NULL,
    public BOOLEAN NOT NULL DEFAULT FALSE,
    CONSTRAINT fk_reading_lists_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);

CREATE TABLE reading_list_items (
    list_id BIGINT NOT NULL,
    book_id BIGINT NOT NULL,
    position INT NOT NULL,
    added_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (list_id, book_id),
    CONSTRAINT uq_reading_list_items_position UNIQUE (list_id, position),
    CONSTRAINT fk_reading_list_items_list FOREIGN KEY (list_id) REFERENCES reading_lists (id) ON DELETE CASCADE,
    CONSTRAINT fk_reading_list_items_book FOREIGN KEY (book_id) REFERENCES books (id) ON DELETE CASCADE
);

CREATE TABLE events (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    library_id SMALLINT NOT NULL,
    title VARCHAR(200) NOT NULL,
    starts_at DATETIME NOT NULL,
    ends_at DATETIME NOT NULL,
    capacity INT UNSIGNED,
    CONSTRAINT ck_events_times CHECK (ends_at > starts_at),
    CONSTRAINT fk_events_library FOREIGN KEY (library_id) REFERENCES libraries (id)
);
CREATE INDEX ix_events_starts ON events (starts_at);

CREATE TABLE event_registrations (
    event_id BIGINT NOT NULL,
    member_id CHAR(36) NOT NULL,
    registered_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    PRIMARY KEY (event_id, member_id),
    CONSTRAINT fk_event_registrations_event FOREIGN KEY (event_id) REFERENCES events (id) ON DELETE CASCADE,
    CONSTRAINT fk_event_registrations_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);

CREATE TABLE staff (
    id INT AUTO_INCREMENT PRIMARY KEY,
    library_id SMALLINT NOT NULL,
    email VARCHAR(254) NOT NULL,
    role VARCHAR(20) NOT NULL DEFAULT 'librarian',
    manager_id INT,
    CONSTRAINT ck_staff_role CHECK (role IN ('librarian', 'manager', 'volunteer')),
    CONSTRAINT fk_staff_library FOREIGN KEY (library_id) REFERENCES libraries (id),
    CONSTRAINT fk_staff_manager FOREIGN KEY (manager_id) REFERENCES staff (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX uq_staff_email ON staff (email);

CREATE TABLE notifications (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id CHAR(36) NOT NULL,
    kind VARCHAR(30) NOT NULL,
    payload JSON,
    `read` BOOLEAN NOT NULL DEFAULT FALSE,
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT fk_notifications_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);
CREATE INDEX ix_notifications_unread ON notifications (member_id, `read`, created_at);

CREATE TABLE api_keys (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id CHAR(36) NOT NULL,
    key_hash VARBINARY(64) NOT NULL,
    scopes VARCHAR(200) NOT NULL DEFAULT 'read',
    created_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    expires_at DATETIME(6),
    CONSTRAINT fk_api_keys_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX uq_api_keys_hash ON api_keys (key_hash);

CREATE TABLE sessions (
    token CHAR(36) PRIMARY KEY,
    member_id CHAR(36) NOT NULL,
    ip VARCHAR(45),
    user_agent VARCHAR(1000),
    last_seen DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT fk_sessions_member FOREIGN KEY (member_id) REFERENCES members (id) ON DELETE CASCADE
) ENGINE = InnoDB ROW_FORMAT = COMPRESSED;

CREATE TABLE settings (
    name VARCHAR(64) PRIMARY KEY,
    setting JSON NOT NULL,
    updated_by INT,
    updated_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    CONSTRAINT fk_settings_staff FOREIGN KEY (updated_by) REFERENCES staff (id)
) DEFAULT CHARSET = ascii COLLATE = ascii_bin;

CREATE TABLE audit_log (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    happened_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    actor VARCHAR(128) NOT NULL DEFAULT (CURRENT_USER()),
    action VARCHAR(40) NOT NULL,
    target_table VARCHAR(64),
    payload JSON
) ENGINE = Aria COMMENT 'append-only';
CREATE INDEX ix_audit_log_happened ON audit_log (happened_at);

CREATE TABLE search_log (
    query VARCHAR(500) NOT NULL,
    searched_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    member_id CHAR(36),
    results INT
) ENGINE = MyISAM;

CREATE TABLE import_batches (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    source VARCHAR(200) NOT NULL,
    started_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    finished_at DATETIME(6),
    rows_read INT NOT NULL DEFAULT 0,
    errors LONGTEXT
);

CREATE TABLE import_rows (
    batch_id BIGINT NOT NULL,
    line INT NOT NULL,
    raw MEDIUMTEXT NOT NULL,
    book_id BIGINT,
    PRIMARY KEY (batch_id, line),
    CONSTRAINT fk_import_rows_batch FOREIGN KEY (batch_id) REFERENCES import_batches (id) ON DELETE CASCADE,
    CONSTRAINT fk_import_rows_book FOREIGN KEY (book_id) REFERENCES books (id)
);

CREATE TABLE accounts (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    member_id CHAR(36) NOT NULL,
    opened_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    credit_limit DECIMAL(12, 2) NOT NULL DEFAULT 50.00,
    CONSTRAINT uq_accounts_member UNIQUE (member_id),
    CONSTRAINT fk_accounts_member FOREIGN KEY (member_id) REFERENCES members (id)
) COMMENT 'one per member who owes money';

CREATE TABLE invoices (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    account_id BIGINT NOT NULL,
    number BIGINT NOT NULL DEFAULT (NEXT VALUE FOR invoice_numbers),
    status ENUM('draft', 'issued', 'paid', 'void') NOT NULL DEFAULT 'draft',
    issued_on DATE,
    due_on DATE,
    total DECIMAL(12, 2) NOT NULL DEFAULT 0,
    CONSTRAINT uq_invoices_number UNIQUE (number),
    CONSTRAINT ck_invoices_due CHECK (due_on IS NULL OR due_on >= issued_on),
    CONSTRAINT fk_invoices_account FOREIGN KEY (account_id) REFERENCES accounts (id)
);
CREATE INDEX ix_invoices_account ON invoices (account_id, status);

CREATE TABLE invoice_lines (
    invoice_id BIGINT NOT NULL,
    line_no SMALLINT NOT NULL,
    description VARCHAR(500) NOT NULL,
    amount DECIMAL(12, 2) NOT NULL,
    loan_id BIGINT,
    PRIMARY KEY (invoice_id, line_no),
    CONSTRAINT fk_invoice_lines_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE CASCADE,
    CONSTRAINT fk_invoice_lines_loan FOREIGN KEY (loan_id) REFERENCES loans (id)
);

CREATE TABLE payments (
    id BIGINT AUTO_INCREMENT PRIMARY KEY,
    invoice_id BIGINT NOT NULL,
    amount DECIMAL(12, 2) NOT NULL,
    paid_at DATETIME(6) NOT NULL DEFAULT CURRENT_TIMESTAMP(6),
    method VARCHAR(20) NOT NULL,
    reference VARCHAR(200),
    CONSTRAINT ck_payments_amount CHECK (amount > 0),
    CONSTRAINT fk_payments_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id)
);
CREATE INDEX ix_payments_invoice ON payments (invoice_id, paid_at);

CREATE TABLE fines (
    loan_id BIGINT PRIMARY KEY,
    amount DECIMAL(8, 2) NOT NULL,
    waived BOOLEAN NOT NULL DEFAULT FALSE,
    invoice_id BIGINT,
    CONSTRAINT fk_fines_loan FOREIGN KEY (loan_id) REFERENCES loans (id) ON DELETE CASCADE,
    CONSTRAINT fk_fines_invoice FOREIGN KEY (invoice_id) REFERENCES invoices (id) ON DELETE SET NULL
);

CREATE VIEW available_copies AS
    SELECT c.id, c.book_id, c.shelf_id, b.title
    FROM copies c JOIN books b ON b.id = c.book_id
    WHERE NOT EXISTS (SELECT 1 FROM loans l WHERE l.copy_id = c.id AND l.status = 'open');

CREATE VIEW overdue_loans AS
    SELECT l.id, l.member_id, l.due_at FROM loans l WHERE l.status = 'open' AND l.due_at < NOW();

CREATE VIEW open_invoices AS
    SELECT i.id, i.account_id, i.total FROM invoices i WHERE i.status = 'issued';
