package dev.retort.hibernate.sample.library;

import jakarta.persistence.Column;
import jakarta.persistence.DiscriminatorColumn;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.Inheritance;
import jakarta.persistence.InheritanceType;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.math.BigDecimal;
import java.util.Set;

/** Books and magazines in one table (SINGLE_TABLE), told apart by {@code kind}. */
@Entity
@Inheritance(strategy = InheritanceType.SINGLE_TABLE)
@DiscriminatorColumn(name = "kind", length = 20)
@Table(name = "publication", indexes = @Index(name = "ix_publication_title", columnList = "title"))
public abstract class Publication {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "publication_ids")
    @SequenceGenerator(name = "publication_ids", sequenceName = "publication_ids", allocationSize = 10)
    private Long id;

    @Column(nullable = false, length = 200)
    private String title;

    @ManyToOne(optional = false)
    private Author author;

    /** A join table named by the implicit naming strategy: where Hibernate's and Spring's differ. */
    @ManyToMany
    private Set<Tag> tags;

    @Column(precision = 10, scale = 2)
    private BigDecimal price;
}
