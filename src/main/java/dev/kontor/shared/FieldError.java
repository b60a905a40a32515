package dev.kontor.shared;

/** A rejected input value, named by the field it came from, so forms and ProblemDetails can point at it. */
public record FieldError(String field, String message) {}
