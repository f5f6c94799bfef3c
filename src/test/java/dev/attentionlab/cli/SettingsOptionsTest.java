package dev.attentionlab.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.attentionlab.engine.InvalidInputException;
import dev.attentionlab.engine.trace.Setting;
import dev.attentionlab.engine.trace.SettingCatalogue;
import dev.attentionlab.engine.trace.SettingSamples;
import dev.attentionlab.engine.trace.TraceSettings;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SettingsOptionsTest {
    /** What {@code attentionlab <command> args} would compute, without computing it. */
    static TraceSettings parse(String command, String... args) {
        List<String> all = new ArrayList<>(List.of(command));
        all.addAll(List.of(args));
        if (command.equals("export")) all.addAll(List.of("--what", "heads", "--out", "unused"));
        CommandLine.ParseResult r = new CommandLine(new Cli()).parseArgs(all.toArray(String[]::new));
        Object command0 = r.subcommand().commandSpec().userObject();
        SettingsOptions o = command0 instanceof TraceCommand t ? t.settings : ((ExportCommand) command0).settings;
        return o.toSettings();
    }

    @Test
    void everyCataloguedOptionSetsItsSettingOnBothCommands() {
        for (String command : List.of("trace", "export")) {
            for (Setting<?> s : SettingCatalogue.ALL) {
                if (s.option() == null) continue;
                String[] args = s.kind() instanceof Setting.Flag ? new String[] {s.option()} : new String[] {s.option(), SettingSamples.spelled(s)};
                assertThat(s.of(parse(command, args))).as(command + " " + String.join(" ", args)).isEqualTo(SettingSamples.changed(s));
            }
        }
    }

    @Test
    void aFlagCanBeTurnedOffAndAnOptionNotGivenKeepsThePresetsValue() {
        TraceSettings s = parse("trace", "--preset", "small-multi-head", "--no-positional", "--heads", "2");
        assertThat(s.model().positional()).isFalse();
        assertThat(s.model().heads()).isEqualTo(2);
        assertThat(s.model().dModel()).isEqualTo(16);
        assertThat(s.attention().mask()).isEqualTo(dev.attentionlab.engine.model.MaskKind.CAUSAL);
    }

    @Test
    void anUnknownChoiceListsWhatTheCommandLineOffers() {
        assertThatThrownBy(() -> parse("trace", "--mask", "diagonal")).isInstanceOf(InvalidInputException.class)
                .hasMessage("unknown mask 'diagonal' (use none, causal or padding)");
        assertThatThrownBy(() -> parse("trace", "--score-scale", "half"))
                .hasMessage("unknown scale 'half' (use sqrt-dk, none or sqrt-dmodel)");
        // older spellings still work
        assertThat(parse("trace", "--score-scale", "1/sqrt(dk)", "--fill", "-infinity").attention().fill())
                .isEqualTo(dev.attentionlab.engine.model.MaskFill.NEGATIVE_INFINITY);
    }

    @Test
    void helpListsTheCataloguedOptionsWithTheirDescriptions() {
        CliTest.Run r = CliTest.run("trace", "--help");
        assertThat(r.out().replaceAll("\\s+", " ")).contains("--d-model=N width of each token vector", "--[no-]positional",
                "--top-k=N keep the k most likely tokens (0 = off)", "--mask=NAME which keys each query may not see; one of none | causal | padding");
    }
}
