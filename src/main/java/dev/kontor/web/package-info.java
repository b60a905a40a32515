/** The agent UI shell: layout, sign-in and setup, inbox, ticket page, admin pages, live updates, i18n. */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "tickets",
            "clients",
            "customers",
            "accounts",
            "audit",
            "channels",
            "orders",
            "triage",
            "sla",
            "rules",
            "imports",
            "platform",
            "routing",
            "interpreting",
            "answers",
            "shared"
        })
package dev.kontor.web;
