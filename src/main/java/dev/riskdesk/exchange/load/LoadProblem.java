package dev.riskdesk.exchange.load;

/**
 * One reason a row (or a whole file) cannot be loaded, located: the file's name, its line (1 is
 * the header; 0 for the file as a whole), the column (empty for a whole line or file), the value as
 * read (cut to 80 characters) and one English sentence saying what was expected.
 */
public record LoadProblem(String file, long line, String column, String value, String message) {
}
