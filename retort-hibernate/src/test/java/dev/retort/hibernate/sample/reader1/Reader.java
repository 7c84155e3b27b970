package dev.retort.hibernate.sample.reader1;

import dev.retort.hibernate.sample.library.Address;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/** A reader as first released; {@code reader2} holds the next release of this entity. */
@Entity
@Table(name = "reader")
public class Reader {
    /** How much a reader may borrow. */
    public enum Level { BRONZE, SILVER, GOLD }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(length = 200)
    private String email;

    @Column(length = 50)
    private String nickname;

    @Embedded
    private Address homeAddress;

    @Enumerated(EnumType.STRING)
    @Column(length = 10)
    private Level level;

    @Version
    private long version;
}
