-- The lending library on SQLite: 39 tables with what SQLite has of retort's model (declared types,
-- INTEGER PRIMARY KEY and AUTOINCREMENT, defaults and expression defaults, generated columns,
-- collations, named and unnamed constraints, checks, enums as retort's checks, foreign keys with
-- actions and deferral, partial, expression and descending indexes, views). SQLite has no schemas,
-- comments, sequences, enum types or extensions.

CREATE TABLE publishers (
    id INTEGER PRIMARY KEY,
    name VARCHAR(200) NOT NULL CONSTRAINT uq_publishers_name UNIQUE,
    country CHAR(2),
    website TEXT
);

CREATE TABLE authors (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    name TEXT NOT NULL COLLATE NOCASE,
    born DATE,
    died DATE,
    bio TEXT,
    CONSTRAINT ck_authors_lifetime CHECK (died IS NULL OR died >= born)
);

CREATE TABLE books (
    id INTEGER PRIMARY KEY,
    isbn CHAR(13) NOT NULL,
    title TEXT NOT NULL,
    subtitle TEXT,
    publisher_id INTEGER CONSTRAINT fk_books_publisher REFERENCES publishers (id) ON DELETE SET NULL,
    published_on DATE,
    pages INTEGER CONSTRAINT ck_books_pages CHECK (pages > 0),
    price NUMERIC(10, 2) NOT NULL DEFAULT 0,
    language VARCHAR(8) NOT NULL DEFAULT 'en',
    metadata TEXT NOT NULL DEFAULT '{}',
    title_upper TEXT GENERATED ALWAYS AS (upper(title)) VIRTUAL,
    sort_title TEXT GENERATED ALWAYS AS (lower(coalesce(subtitle, title))) STORED,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT uq_books_isbn UNIQUE (isbn)
);
CREATE INDEX ix_books_title_lower ON books (lower(title) DESC);
CREATE INDEX ix_books_priced ON books (published_on) WHERE price > 0;
CREATE INDEX ix_books_publisher ON books (publisher_id, published_on DESC);
CREATE INDEX ix_books_title_nocase ON books (title COLLATE NOCASE);

CREATE TABLE book_authors (
    book_id INTEGER NOT NULL CONSTRAINT fk_book_authors_book REFERENCES books (id) ON DELETE CASCADE,
    author_id INTEGER NOT NULL CONSTRAINT fk_book_authors_author REFERENCES authors (id) ON DELETE RESTRICT,
    position INTEGER NOT NULL DEFAULT 1,
    PRIMARY KEY (book_id, author_id)
);
CREATE INDEX ix_book_authors_author ON book_authors (author_id);

CREATE TABLE genres (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL UNIQUE COLLATE NOCASE,
    parent_id INTEGER REFERENCES genres (id)
);

CREATE TABLE book_genres (
    book_id INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    genre_id INTEGER NOT NULL REFERENCES genres (id) ON DELETE CASCADE,
    CONSTRAINT pk_book_genres PRIMARY KEY (genre_id, book_id)
);

CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL
);

CREATE TABLE series_books (
    series_id INTEGER NOT NULL CONSTRAINT fk_series_books_series REFERENCES series (id) ON DELETE CASCADE,
    book_id INTEGER NOT NULL CONSTRAINT fk_series_books_book REFERENCES books (id),
    volume NUMERIC(5, 1) NOT NULL,
    CONSTRAINT pk_series_books PRIMARY KEY (series_id, volume),
    CONSTRAINT uq_series_books_book UNIQUE (series_id, book_id)
);

CREATE TABLE translations (
    book_id INTEGER NOT NULL CONSTRAINT fk_translations_book REFERENCES books (id) ON DELETE CASCADE,
    language VARCHAR(8) NOT NULL,
    title TEXT NOT NULL,
    translator TEXT,
    CONSTRAINT pk_translations PRIMARY KEY (book_id, language)
);

CREATE TABLE tags (
    id INTEGER PRIMARY KEY,
    name VARCHAR(50) NOT NULL,
    CONSTRAINT ck_tags_name CHECK (name = lower(name))
);
CREATE UNIQUE INDEX uq_tags_name ON tags (name);

CREATE TABLE book_tags (
    book_id INTEGER NOT NULL REFERENCES books (id) ON DELETE CASCADE,
    tag_id INTEGER NOT NULL REFERENCES tags (id) ON DELETE CASCADE,
    PRIMARY KEY (book_id, tag_id)
);

CREATE TABLE members (
    id BLOB PRIMARY KEY NOT NULL DEFAULT (randomblob(16)),
    email TEXT NOT NULL COLLATE NOCASE,
    display_name VARCHAR(100),
    mood TEXT DEFAULT 'ok' CONSTRAINT ck_members_mood_enum CHECK (mood IN ('sad', 'ok', 'happy')),
    joined_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    birth_date DATE,
    newsletter BOOLEAN NOT NULL DEFAULT 0,
    favourite_genre_id INTEGER,
    CONSTRAINT uq_members_email UNIQUE (email),
    CONSTRAINT ck_members_birth CHECK (birth_date > '1900-01-01')
);
CREATE INDEX ix_members_name ON members (display_name);
CREATE INDEX ix_members_newsletter ON members (joined_at) WHERE newsletter;

CREATE TABLE member_addresses (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    member_id BLOB NOT NULL CONSTRAINT fk_member_addresses_member REFERENCES members (id)
        ON DELETE CASCADE ON UPDATE CASCADE,
    kind VARCHAR(10) NOT NULL CONSTRAINT ck_member_addresses_kind CHECK (kind IN ('home', 'work', 'other')),
    line1 TEXT NOT NULL,
    line2 TEXT,
    city TEXT NOT NULL,
    postcode VARCHAR(16),
    country CHAR(2) NOT NULL DEFAULT 'GB'
);
CREATE INDEX ix_member_addresses_member ON member_addresses (member_id);

CREATE TABLE libraries (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    opened_on DATE,
    opens TIME NOT NULL DEFAULT '09:00',
    closes TIME NOT NULL DEFAULT '18:00',
    latitude REAL,
    longitude REAL,
    CONSTRAINT ck_libraries_hours CHECK (closes > opens)
);

CREATE TABLE shelves (
    id INTEGER PRIMARY KEY,
    library_id INTEGER NOT NULL CONSTRAINT fk_shelves_library REFERENCES libraries (id),
    code VARCHAR(12) NOT NULL,
    floor INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT uq_shelves_code UNIQUE (library_id, code)
);

CREATE TABLE copies (
    id INTEGER PRIMARY KEY,
    book_id INTEGER NOT NULL CONSTRAINT fk_copies_book REFERENCES books (id),
    shelf_id INTEGER CONSTRAINT fk_copies_shelf REFERENCES shelves (id) ON DELETE SET NULL,
    barcode VARCHAR(32) NOT NULL CONSTRAINT uq_copies_barcode UNIQUE,
    condition VARCHAR(10) NOT NULL DEFAULT 'good' CONSTRAINT ck_copies_condition
        CHECK (condition IN ('new', 'good', 'worn', 'damaged')),
    acquired_on DATE NOT NULL DEFAULT CURRENT_DATE,
    price_paid NUMERIC(8, 2)
);
CREATE INDEX ix_copies_book ON copies (book_id);

CREATE TABLE loans (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    copy_id INTEGER NOT NULL,
    member_id BLOB NOT NULL,
    status TEXT NOT NULL DEFAULT 'open' CONSTRAINT ck_loans_status_enum CHECK (status IN ('open', 'returned', 'lost')),
    loaned_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    due_at TIMESTAMP NOT NULL DEFAULT (datetime('now', '+21 days')),
    returned_at TIMESTAMP,
    renewals INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT fk_loans_copy FOREIGN KEY (copy_id) REFERENCES copies (id) DEFERRABLE INITIALLY DEFERRED,
    CONSTRAINT fk_loans_member FOREIGN KEY (member_id) REFERENCES members (id),
    CONSTRAINT ck_loans_due CHECK (due_at > loaned_at),
    CONSTRAINT ck_loans_renewals CHECK (renewals BETWEEN 0 AND 3)
);
CREATE INDEX ix_loans_open ON loans (due_at) WHERE status = 'open';
CREATE INDEX ix_loans_member ON loans (member_id, loaned_at DESC);

CREATE TABLE reservations (
    id INTEGER PRIMARY KEY,
    member_id BLOB NOT NULL CONSTRAINT fk_reservations_member REFERENCES members (id) ON DELETE CASCADE,
    book_id INTEGER NOT NULL CONSTRAINT fk_reservations_book REFERENCES books (id) ON DELETE CASCADE,
    placed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    queue_position INTEGER NOT NULL,
    CONSTRAINT uq_reservations_queue UNIQUE (book_id, queue_position)
);

CREATE TABLE reviews (
    id INTEGER PRIMARY KEY,
    book_id INTEGER NOT NULL CONSTRAINT fk_reviews_book REFERENCES books (id) ON DELETE CASCADE,
    member_id BLOB CONSTRAINT fk_reviews_member REFERENCES members (id) ON DELETE SET NULL,
    rating INTEGER NOT NULL CONSTRAINT ck_reviews_rating CHECK (rating BETWEEN 1 AND 5),
    body TEXT,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    helpful_votes INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX ix_reviews_book_rating ON reviews (book_id, rating DESC);

CREATE TABLE review_votes (
    review_id INTEGER NOT NULL REFERENCES reviews (id) ON DELETE CASCADE,
    member_id BLOB NOT NULL REFERENCES members (id) ON DELETE CASCADE,
    helpful BOOLEAN NOT NULL,
    PRIMARY KEY (review_id, member_id)
);

CREATE TABLE reading_progress (
    member_id BLOB NOT NULL CONSTRAINT fk_reading_progress_member REFERENCES members (id) ON DELETE CASCADE,
    book_id INTEGER NOT NULL CONSTRAINT fk_reading_progress_book REFERENCES books (id) ON DELETE CASCADE,
    reading_location_cfi VARCHAR(500),
    scroll_offset_percent REAL NOT NULL DEFAULT 0.0,
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_reading_progress PRIMARY KEY (member_id, book_id),
    CONSTRAINT check_scroll_offset_range CHECK (scroll_offset_percent >= 0.0 AND scroll_offset_percent <= 100.0)
);
CREATE INDEX idx_reading_progress_cfi ON reading_progress (book_id, member_id, reading_location_cfi);

CREATE TABLE reading_lists (
    id INTEGER PRIMARY KEY,
    member_id BLOB NOT NULL CONSTRAINT fk_reading_lists_member REFERENCES members (id) ON DELETE CASCADE,
    name TEXT NOT NULL,
    public BOOLEAN NOT NULL DEFAULT 0
);

CREATE TABLE reading_list_items (
    list_id INTEGER NOT NULL CONSTRAINT fk_reading_list_items_list REFERENCES reading_lists (id) ON DELETE CASCADE,
    book_id INTEGER NOT NULL CONSTRAINT fk_reading_list_items_book REFERENCES books (id) ON DELETE CASCADE,
    position INTEGER NOT NULL,
    added_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_reading_list_items PRIMARY KEY (list_id, book_id),
    CONSTRAINT uq_reading_list_items_position UNIQUE (list_id, position)
);

CREATE TABLE events (
    id INTEGER PRIMARY KEY,
    library_id INTEGER NOT NULL CONSTRAINT fk_events_library REFERENCES libraries (id),
    title TEXT NOT NULL,
    starts_at TIMESTAMP NOT NULL,
    ends_at TIMESTAMP NOT NULL,
    capacity INTEGER,
    CONSTRAINT ck_events_times CHECK (ends_at > starts_at)
);
CREATE INDEX ix_events_starts ON events (starts_at);

CREATE TABLE event_registrations (
    event_id INTEGER NOT NULL CONSTRAINT fk_event_registrations_event REFERENCES events (id) ON DELETE CASCADE,
    member_id BLOB NOT NULL CONSTRAINT fk_event_registrations_member REFERENCES members (id) ON DELETE CASCADE,
    registered_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT pk_event_registrations PRIMARY KEY (event_id, member_id)
);

CREATE TABLE staff (
    id INTEGER PRIMARY KEY,
    library_id INTEGER NOT NULL CONSTRAINT fk_staff_library REFERENCES libraries (id),
    email VARCHAR(254) NOT NULL,
    role VARCHAR(20) NOT NULL DEFAULT 'librarian',
    manager_id INTEGER CONSTRAINT fk_staff_manager REFERENCES staff (id) ON DELETE SET NULL,
    CONSTRAINT ck_staff_role CHECK (role IN ('librarian', 'manager', 'volunteer'))
);
CREATE UNIQUE INDEX uq_staff_email ON staff (lower(email));

CREATE TABLE notifications (
    id INTEGER PRIMARY KEY,
    member_id BLOB NOT NULL CONSTRAINT fk_notifications_member REFERENCES members (id) ON DELETE CASCADE,
    kind VARCHAR(30) NOT NULL,
    payload TEXT,
    read BOOLEAN NOT NULL DEFAULT 0,
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);
CREATE INDEX ix_notifications_unread ON notifications (member_id, created_at) WHERE NOT read;

CREATE TABLE api_keys (
    id INTEGER PRIMARY KEY,
    member_id BLOB NOT NULL CONSTRAINT fk_api_keys_member REFERENCES members (id) ON DELETE CASCADE,
    key_hash BLOB NOT NULL,
    scopes TEXT NOT NULL DEFAULT 'read',
    created_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    expires_at TIMESTAMP
);
CREATE UNIQUE INDEX uq_api_keys_hash ON api_keys (key_hash);

CREATE TABLE sessions (
    token TEXT PRIMARY KEY NOT NULL,
    member_id BLOB NOT NULL CONSTRAINT fk_sessions_member REFERENCES members (id) ON DELETE CASCADE,
    ip TEXT,
    user_agent TEXT,
    last_seen TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE settings (
    key VARCHAR(64) PRIMARY KEY NOT NULL,
    value TEXT NOT NULL CHECK (json_valid(value)),
    updated_by INTEGER CONSTRAINT fk_settings_staff REFERENCES staff (id),
    updated_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    happened_at TIMESTAMP NOT NULL DEFAULT (strftime('%Y-%m-%d %H:%M:%f', 'now')),
    actor TEXT NOT NULL DEFAULT 'system',
    action VARCHAR(40) NOT NULL,
    target_table TEXT,
    payload TEXT
);
CREATE INDEX ix_audit_log_happened ON audit_log (happened_at);

CREATE TABLE search_log (
    query TEXT NOT NULL,
    searched_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    member_id BLOB,
    results INTEGER
);

CREATE TABLE import_batches (
    id INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    started_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    finished_at TIMESTAMP,
    rows_read INTEGER NOT NULL DEFAULT 0,
    errors TEXT
);

CREATE TABLE import_rows (
    batch_id INTEGER NOT NULL CONSTRAINT fk_import_rows_batch REFERENCES import_batches (id) ON DELETE CASCADE,
    line INTEGER NOT NULL,
    raw TEXT NOT NULL,
    book_id INTEGER CONSTRAINT fk_import_rows_book REFERENCES books (id),
    CONSTRAINT pk_import_rows PRIMARY KEY (batch_id, line)
);

CREATE TABLE accounts (
    id INTEGER PRIMARY KEY,
    member_id BLOB NOT NULL CONSTRAINT fk_accounts_member REFERENCES members (id),
    opened_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    credit_limit NUMERIC(12, 2) NOT NULL DEFAULT 50.00,
    CONSTRAINT uq_accounts_member UNIQUE (member_id)
);

CREATE TABLE invoices (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL CONSTRAINT fk_invoices_account REFERENCES accounts (id),
    number INTEGER NOT NULL,
    status TEXT NOT NULL DEFAULT 'draft'
        CONSTRAINT ck_invoices_status_enum CHECK (status IN ('draft', 'issued', 'paid', 'void')),
    issued_on DATE,
    due_on DATE,
    total NUMERIC(12, 2) NOT NULL DEFAULT 0,
    CONSTRAINT uq_invoices_number UNIQUE (number),
    CONSTRAINT ck_invoices_due CHECK (due_on IS NULL OR due_on >= issued_on)
);
CREATE INDEX ix_invoices_open ON invoices (account_id) WHERE status IN ('draft', 'issued');

CREATE TABLE invoice_lines (
    invoice_id INTEGER NOT NULL CONSTRAINT fk_invoice_lines_invoice REFERENCES invoices (id) ON DELETE CASCADE,
    line_no INTEGER NOT NULL,
    description TEXT NOT NULL,
    amount NUMERIC(12, 2) NOT NULL,
    loan_id INTEGER CONSTRAINT fk_invoice_lines_loan REFERENCES loans (id),
    CONSTRAINT pk_invoice_lines PRIMARY KEY (invoice_id, line_no)
);

CREATE TABLE payments (
    id INTEGER PRIMARY KEY,
    invoice_id INTEGER NOT NULL CONSTRAINT fk_payments_invoice REFERENCES invoices (id),
    amount NUMERIC(12, 2) NOT NULL CONSTRAINT ck_payments_amount CHECK (amount > 0),
    paid_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP,
    method VARCHAR(20) NOT NULL,
    reference TEXT
);
CREATE INDEX ix_payments_invoice ON payments (invoice_id, paid_at);

CREATE TABLE fines (
    loan_id INTEGER PRIMARY KEY CONSTRAINT fk_fines_loan REFERENCES loans (id) ON DELETE CASCADE,
    amount NUMERIC(8, 2) NOT NULL,
    waived BOOLEAN NOT NULL DEFAULT 0,
    invoice_id INTEGER CONSTRAINT fk_fines_invoice REFERENCES invoices (id) ON DELETE SET NULL
);

CREATE VIEW available_copies AS
    SELECT c.id, c.book_id, c.shelf_id, b.title
    FROM copies c JOIN books b ON b.id = c.book_id
    WHERE NOT EXISTS (SELECT 1 FROM loans l WHERE l.copy_id = c.id AND l.status = 'open');

CREATE VIEW overdue_loans AS
    SELECT l.id, l.member_id, l.due_at FROM loans l WHERE l.status = 'open' AND l.due_at < CURRENT_TIMESTAMP;

CREATE VIEW open_invoices AS
    SELECT i.id, i.account_id, i.total FROM invoices i WHERE i.status = 'issued';
