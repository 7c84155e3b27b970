package dev.retort;

import java.sql.Connection;
import java.sql.SQLException;

/** Where connections come from: an application's DataSource, or a URL with credentials. */
interface ConnectionSource {

    Connection open() throws SQLException;

    /** The database as shown in messages, never with a password. */
    String describe();
}
