package dev.riskdesk.ui.profile;

import dev.riskdesk.ui.common.Formats;
import dev.riskdesk.ui.common.I18n;

/** A part of the profile page (the header or a tab): what every part reads from. */
abstract class ProfilePart {
    protected final ProfileBinder ui;
    protected final ProfileViewModel model;
    protected final I18n i18n;
    protected final ProfileTexts texts;

    ProfilePart(ProfileBinder ui, ProfileTexts texts) {
        this.ui = ui;
        this.model = ui.model();
        this.i18n = ui.i18n();
        this.texts = texts;
    }

    protected Formats f() {
        return ui.f();
    }
}
