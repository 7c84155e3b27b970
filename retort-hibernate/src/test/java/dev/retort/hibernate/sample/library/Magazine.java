package dev.retort.hibernate.sample.library;

import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

/** A publication that comes in issues. */
@Entity
@DiscriminatorValue("MAGAZINE")
public class Magazine extends Publication {
    private Integer issueNumber;
}
