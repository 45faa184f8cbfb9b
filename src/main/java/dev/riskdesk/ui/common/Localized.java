package dev.riskdesk.ui.common;

/** Something a view shows as text in the operator's language: a {@link UiText}, or a value a screen words itself. */
@FunctionalInterface
public interface Localized {
    String render(I18n i18n);
}
