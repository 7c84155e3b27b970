package dev.retort.hibernate.sample.library;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Version;
import java.util.List;

/** Writes publications; a table named by the naming strategy alone, with a sequence of its own. */
@Entity
public class Author {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(nullable = false, length = 120)
    private String fullName;

    @Embedded
    private Address address;

    @OneToMany(mappedBy = "author")
    private List<Publication> publications;

    @Version
    private int version;
}
