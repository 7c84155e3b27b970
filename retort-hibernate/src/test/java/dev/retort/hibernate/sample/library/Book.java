package dev.retort.hibernate.sample.library;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorValue;
import jakarta.persistence.Entity;

/** A publication with an ISBN. */
@Entity
@DiscriminatorValue("BOOK")
public class Book extends Publication {
    @Column(unique = true, length = 17)
    private String isbn;

    @Column(name = "page_count")
    private Integer pages;
}
