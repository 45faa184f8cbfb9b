package dev.riskdesk.portfolio;

import java.time.LocalDate;

/** 18-digit resident identity numbers (GB 11643-1999): region, birth date, sequence, check character. */
public final class IdNumbers {
    private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
    private static final String CHECK = "10X98765432";

    private IdNumbers() {
    }

    /** The sequence's last digit is odd for men and even for women. */
    public static String of(String regionCode, LocalDate birthDate, int sequence, boolean male) {
        int seq = sequence % 1000;
        if ((seq % 2 == 1) != male) {
            seq = seq == 999 ? 998 : seq + 1;
            if ((seq % 2 == 1) != male) {
                seq -= 2;
            }
        }
        StringBuilder sb = new StringBuilder(18).append(regionCode);
        int y = birthDate.getYear();
        int m = birthDate.getMonthValue();
        int d = birthDate.getDayOfMonth();
        sb.append(y);
        if (m < 10) {
            sb.append('0');
        }
        sb.append(m);
        if (d < 10) {
            sb.append('0');
        }
        sb.append(d);
        if (seq < 100) {
            sb.append('0');
        }
        if (seq < 10) {
            sb.append('0');
        }
        sb.append(seq);
        sb.append(checkChar(sb));
        return sb.toString();
    }

    public static char checkChar(CharSequence first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += (first17.charAt(i) - '0') * WEIGHTS[i];
        }
        return CHECK.charAt(sum % 11);
    }

    public static boolean isValid(String id) {
        if (id == null || id.length() != 18) {
            return false;
        }
        for (int i = 0; i < 17; i++) {
            if (!Character.isDigit(id.charAt(i))) {
                return false;
            }
        }
        return checkChar(id) == Character.toUpperCase(id.charAt(17));
    }
}
