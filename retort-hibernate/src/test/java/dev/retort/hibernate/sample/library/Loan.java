package dev.retort.hibernate.sample.library;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Index;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import jakarta.persistence.UniqueConstraint;
import jakarta.persistence.Version;
import java.time.LocalDate;

/** A publication lent to a person: named index and unique constraint in {@code @Table}. */
@Entity
@Table(name = "loan", indexes = @Index(name = "ix_loan_due", columnList = "due_date, returned"),
        uniqueConstraints = @UniqueConstraint(name = "uq_loan_copy",
                columnNames = {"publication_id", "borrower_id", "lent_on"}))
public class Loan {
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE)
    private Long id;

    @ManyToOne(optional = false)
    @JoinColumn(name = "publication_id")
    private Publication publication;

    @ManyToOne(optional = false)
    @JoinColumn(name = "borrower_id")
    private Person borrower;

    @Column(name = "lent_on", nullable = false)
    private LocalDate lentOn;

    @Column(name = "due_date", nullable = false)
    private LocalDate dueDate;

    private boolean returned;

    @Version
    private Long version;
}
