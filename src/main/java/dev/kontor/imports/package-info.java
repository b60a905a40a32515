/**
 * History imports: tickets with their messages, attachments, customers and original times from a documented JSON
 * Lines (or CSV) export, as resumable jobs with progress, written in batches through the tickets' and customers'
 * bulk APIs. See docs/import.md.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {"tickets", "customers", "clients", "accounts", "shared"})
package dev.kontor.imports;
