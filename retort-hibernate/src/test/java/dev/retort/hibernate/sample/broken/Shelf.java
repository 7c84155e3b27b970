package dev.retort.hibernate.sample.broken;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.ManyToOne;

/** Maps an association with {@code @Column}, which Hibernate refuses: the model's mapping error. */
@Entity
public class Shelf {
    @Id
    private Long id;

    @ManyToOne
    @Column(name = "neighbour")
    private Shelf neighbour;
}
