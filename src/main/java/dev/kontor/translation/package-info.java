/**
 * Machine translation behind one port, {@link dev.kontor.translation.Translator}: adapters for DeepL, Google Cloud
 * Translation (v3 and v2), Azure Translator, Amazon Translate, LibreTranslate, Apertium's APY server and any
 * OpenAI-compatible chat endpoint, each following the vendor's HTTP API; named failures callers can retry or show;
 * and the protection of order numbers, links, amounts and placeholders, which pass through untouched or the
 * translation is refused.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"clients", "shared"})
package dev.kontor.translation;
