-- revision: cp1
-- down_revision:
-- message: create widgets

-- migrate:up
CREATE TABLE widgets (id INTEGER PRIMARY KEY);

-- migrate:down
DROP TABLE widgets;
