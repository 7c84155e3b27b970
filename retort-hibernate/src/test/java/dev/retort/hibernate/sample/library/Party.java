package dev.retort.hibernate.sample.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;

/** People and organisations: a table each, joined to this one's (JOINED). */
@Entity
@Inheritance(strategy = InheritanceType.JOINED)
public abstract class Party {
    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(nullable = false, length = 100)
    private String displayName;

    @Column(columnDefinition = "varchar(8) default 'en'")
    private String locale;
}
