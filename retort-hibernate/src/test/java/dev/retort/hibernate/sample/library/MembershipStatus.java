package dev.retort.hibernate.sample.library;

/** Where a person's membership stands; stored by name. */
public enum MembershipStatus {
    ACTIVE, SUSPENDED, CLOSED
}
