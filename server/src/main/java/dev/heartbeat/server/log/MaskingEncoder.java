package dev.heartbeat.server.log;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.nio.charset.StandardCharsets;

/**
 * Wraps the encoder that {@code logback.xml} nests in it (text or JSON) and masks
 * {@link LogSecrets} in every line it writes: the message, its arguments and stack traces alike.
 */
public final class MaskingEncoder extends EncoderBase<ILoggingEvent> {
    private Encoder<ILoggingEvent> encoder;

    /** Joran calls this for the nested {@code <encoder>} element. */
    public void setEncoder(Encoder<ILoggingEvent> encoder) {
        this.encoder = encoder;
    }

    @Override
    public void start() {
        if (encoder == null) {
            addError("MaskingEncoder needs a nested <encoder>");
            return;
        }
        if (!encoder.isStarted()) encoder.start();
        super.start();
    }

    @Override
    public byte[] headerBytes() {
        return encoder.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        // Both nested encoders write UTF-8 (the pattern encoder's charset is set in logback.xml).
        String line = new String(encoder.encode(event), StandardCharsets.UTF_8);
        return LogSecrets.mask(line).getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] footerBytes() {
        return encoder.footerBytes();
    }
}
