package dev.riskdesk.scoring.model;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The customer attributes a decision may never give as its reason (the limit policy's
 * {@code protectedAttributes}): age, gender, marital status and whatever else the policy names.
 * Names are model characteristic names (AGE, OCCUPATION) or customer attributes the models do
 * not use (GENDER, MARITAL_STATUS); a name no model uses simply never matches. A model may still
 * use an attribute (unless trained without it, {@code model train --exclude-protected}); it is
 * then left out of the reason codes, the proposal reasons and so of the customer's notice.
 */
public record ProtectedAttributes(Set<String> names) {
    /** The list a policy that names none is read with. */
    public static final List<String> DEFAULT_NAMES = List.of("AGE", "GENDER", "MARITAL_STATUS");
    public static final ProtectedAttributes DEFAULT = of(DEFAULT_NAMES);

    public ProtectedAttributes {
        names = Set.copyOf(names);
    }

    /** Names as the policy spells them, upper-cased and trimmed; null reads as {@link #DEFAULT_NAMES}. */
    public static ProtectedAttributes of(Collection<String> names) {
        Set<String> out = new LinkedHashSet<>();
        for (String n : names == null ? DEFAULT_NAMES : names) {
            if (n != null && !n.isBlank()) {
                out.add(n.trim().toUpperCase(Locale.ROOT));
            }
        }
        return new ProtectedAttributes(out);
    }

    public boolean isProtected(String code) {
        return code != null && names.contains(code.trim().toUpperCase(Locale.ROOT));
    }

    /** {@code codes} without the protected ones, in order. */
    public List<String> without(List<String> codes) {
        return codes.stream().filter(c -> !isProtected(c)).toList();
    }

    /** The names in a stable order, for printing and for the model's record of what it left out. */
    public List<String> sorted() {
        return names.stream().sorted().toList();
    }
}
