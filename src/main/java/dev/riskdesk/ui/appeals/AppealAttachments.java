package dev.riskdesk.ui.appeals;

import dev.riskdesk.appeals.AppealRegistration;
import dev.riskdesk.appeals.Appeals;
import dev.riskdesk.common.UserFacingException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;

/** Reads a file the operator picked into an appeal attachment, refusing one above the size limit before reading it. */
final class AppealAttachments {
    private AppealAttachments() {
    }

    static Appeals.Attachment read(File file) throws IOException {
        if (file.length() > AppealRegistration.MAX_ATTACHMENT_BYTES) {
            throw UserFacingException.keyed("appeal.attachmentTooLarge", "The file " + file.getName() + " is larger than 5 MB.", file.getName());
        }
        String type = AppealRegistration.contentTypeOf(file.getName());
        return new Appeals.Attachment(file.getName(), type == null ? "application/octet-stream" : type, Files.readAllBytes(file.toPath()));
    }
}
