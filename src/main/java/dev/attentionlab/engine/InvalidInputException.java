package dev.attentionlab.engine;

/**
 * A setting, input or weight the engine cannot compute with. The message is written for the user:
 * it names the value, the limit and where it came from, and is shown as-is in the UI and the CLI.
 */
public class InvalidInputException extends RuntimeException {
    public InvalidInputException(String message) {
        super(message);
    }
}
