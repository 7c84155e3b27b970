package dev.retort.hibernate.sample.reader2;

import dev.retort.hibernate.sample.library.Address;
import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

/**
 * The next release of {@code reader1}'s reader: a new field ({@code phone}), a dropped one
 * ({@code nickname}), a longer {@code email} and a new index on {@code name}.
 */
@Entity
@Table(name = "reader", indexes = @Index(name = "ix_reader_name", columnList = "name"))
public class Reader {
    /** How much a reader may borrow. */
    public enum Level { BRONZE, SILVER, GOLD }

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @Column(nullable = false, length = 100)
    private String name;

    @Column(length = 320)
    private String email;

    @Column(length = 30)
    private String phone;

    @Embedded
    private Address homeAddress;

    @Enumerated(EnumType.STRING)
    @Column(length = 10)
    private Level level;

    @Version
    private long version;
}
