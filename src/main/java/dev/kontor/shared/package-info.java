/** Value types every module needs: e-mail addresses, language codes, the clients a user may see. No beans. */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package dev.kontor.shared;
