package dev.inkan.tsm.ca;

import java.time.LocalDate;
import java.util.Objects;

/**
 * The four basic information items a signature certificate carries (name, address, date of
 * birth, gender); the user-authentication certificate carries none of them.
 *
 * @param gender ISO/IEC 5218 code as RFC 3739 writes it: "M", "F" (or "0", "9")
 */
public record Person(String name, String address, LocalDate dateOfBirth, String gender) {
    public Person {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(address, "address");
        Objects.requireNonNull(dateOfBirth, "dateOfBirth");
        if (!gender.matches("[MF09]")) {
            throw new IllegalArgumentException("gender is M, F, 0 or 9, not " + gender);
        }
    }
}
