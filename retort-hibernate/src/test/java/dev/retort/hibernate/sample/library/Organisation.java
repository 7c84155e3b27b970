package dev.retort.hibernate.sample.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;

/** A party with a registration number. */
@Entity
public class Organisation extends Party {
    @Column(length = 20, unique = true)
    private String registrationNumber;
}
