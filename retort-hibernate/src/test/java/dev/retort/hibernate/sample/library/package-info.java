/**
 * A small library, the JPA model of the tests: associations of every kind, an embeddable, both
 * inheritance strategies that make tables differently, indexes and unique constraints in
 * {@code @Table}, {@code @Column} attributes, an enum, sequences, identities and versions. The
 * {@code Reader} entity lives apart, in {@code reader1} and {@code reader2}, so that a test can
 * change it and nothing else.
 */
package dev.retort.hibernate.sample.library;
