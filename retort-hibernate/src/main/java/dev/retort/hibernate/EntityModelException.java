package dev.retort.hibernate;

import dev.retort.RetortException;

/**
 * The JPA entities cannot be read as a model: a class path entry is missing, a package has no
 * entities, a class does not load, or Hibernate refuses a mapping. The message is one line that
 * names the class, package or path and what to change.
 */
public class EntityModelException extends RetortException {
    private static final long serialVersionUID = 1L;

    public EntityModelException(String message) {
        super(message);
    }

    public EntityModelException(String message, Throwable cause) {
        super(message, cause);
    }
}
