package dev.retort.hibernate.sample.library;

import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;

/** A postal address, embedded in the tables of its owners. */
@Embeddable
public class Address {
    @Column(length = 120)
    private String street;

    @Column(length = 80, nullable = false)
    private String city;

    @Column(name = "postal_code", length = 12)
    private String postalCode;
}
