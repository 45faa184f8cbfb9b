package dev.riskdesk.limits.run;

import java.time.LocalDateTime;
import java.util.Map;

/** The as-of time and tolerance of each data feed (DATA_FEED), read once per run. */
public record FeedStatus(Map<String, Feed> feeds) {

    public record Feed(String code, LocalDateTime asOf, int toleranceHours) {
        /** True when the feed is recent enough at {@code at} to act on. */
        public boolean fresh(LocalDateTime at) {
            return !asOf.isBefore(at.minusHours(toleranceHours));
        }
    }

    public Feed feed(String code) {
        return feeds.get(code);
    }
}
