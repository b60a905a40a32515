/** Demo mode ({@code KONTOR_DEMO=true}): two client companies with stores, agents and tickets to explore. */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "clients",
            "accounts",
            "customers",
            "tickets",
            "channels",
            "sla",
            "rules",
            "routing",
            "answers",
            "drafts",
            "knowledge",
            "shared"
        })
package dev.kontor.demo;
