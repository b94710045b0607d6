package dev.inkan.se.runtime;

/** The two interfaces of the SE: contact (the phone's OMAPI / PC/SC) and contactless (NFC card emulation). */
public enum CardInterface {
    CONTACT,
    CONTACTLESS
}
