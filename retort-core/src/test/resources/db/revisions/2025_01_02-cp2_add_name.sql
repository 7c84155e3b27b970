-- revision: cp2
-- down_revision: cp1
-- message: add name

-- migrate:up
ALTER TABLE widgets ADD COLUMN name VARCHAR(20);

-- migrate:down
ALTER TABLE widgets DROP COLUMN name;
