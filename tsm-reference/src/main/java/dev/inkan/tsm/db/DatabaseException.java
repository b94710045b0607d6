package dev.inkan.tsm.db;

import java.sql.SQLException;

/** A database failure that is not a refusal of the service (connection lost, bad SQL). */
public final class DatabaseException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DatabaseException(SQLException cause) {
        super(cause.getSQLState() + ": " + cause.getMessage(), cause);
    }

    public SQLException sqlException() {
        return (SQLException) getCause();
    }
}
