/**
 * Value types every module needs: e-mail addresses, language codes, the clients a user may see, the server key and
 * sealing of secrets at rest. No beans.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.kontor.shared;
