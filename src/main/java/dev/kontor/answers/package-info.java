/**
 * Canned answers: templates per client (optionally per store and category) in any number of languages, filled with
 * the ticket's, customer's, store's and order's data through documented placeholders ({@link Placeholders}), and
 * macros that apply a template and ticket actions in one step. A missing language variant is made through {@link
 * dev.kontor.translation.Translations} and kept, marked machine-translated, until someone saves it. Other modules
 * (rules, later drafts) use {@link TemplateManagement#render} and {@link TemplateManagement#bestFor}.
 */
@org.springframework.modulith.ApplicationModule(
        allowedDependencies = {
            "tickets",
            "orders",
            "customers",
            "clients",
            "accounts",
            "translation",
            "triage",
            "shared"
        })
package dev.kontor.answers;
