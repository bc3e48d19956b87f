package dev.chainrule.examples.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing the command line, and the message for each kind of mistake. */
class OptionsTest {
  @Test
  void noArgumentsGiveTheDefaults() throws Exception {
    assertEquals(Options.DEFAULTS, Options.parse());
  }

  @Test
  void parsesEveryOptionInBothForms() throws Exception {
    Options options =
        Options.parse(
            "--epochs", "7", "--hidden=20", "--lr", "0.5", "--batch=16", "--weight-decay", "0",
            "--seed=-3", "--output", "out/dir", "--data=d.csv.gz", "--fit-start", "2",
            "--newton-digits", "4,9", "--only=newton");
    assertEquals(
        new Options(7, 20, 0.5, 16, 0.0, -3, Path.of("out/dir"), Optional.of(Path.of("d.csv.gz")),
            2, 4, 9, true, false),
        options);
    assertEquals(0.25, Options.parse("--learning-rate=0.25").learningRate());
  }

  @Test
  void helpInEitherForm() throws Exception {
    assertTrue(Options.parse("--help").help());
    assertTrue(Options.parse("--epochs", "3", "-h").help());
    assertFalse(Options.parse("--epochs", "3").help());
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "--frobnicate 3      | unknown option --frobnicate",
        "--epochs            | --epochs needs a value",
        "--epochs --hidden 3 | --epochs needs a value",
        "--epochs=           | --epochs needs a whole number, not \"\"",
        "--epochs ten        | --epochs needs a whole number, not \"ten\"",
        "--epochs 2.5        | --epochs needs a whole number, not \"2.5\"",
        "--epochs 0          | --epochs must be between 1 and 100000, not 0",
        "--hidden -4         | --hidden must be between 1 and 1000, not -4",
        "--batch 0           | --batch must be between 1 and 1000000, not 0",
        "--batch 99999999999 | --batch must be between 1 and 1000000, not 99999999999",
        "--lr 0              | --lr must be greater than 0, not 0",
        "--learning-rate=-1  | --learning-rate must be greater than 0, not -1",
        "--lr NaN            | --lr needs a finite number, not \"NaN\"",
        "--lr Infinity       | --lr needs a finite number, not \"Infinity\"",
        "--weight-decay -0.1 | --weight-decay must be 0 or more, not -0.1",
        "--seed x            | --seed needs a whole number, not \"x\"",
        "--fit-start 3       | --fit-start must be between 1 and 2, not 3",
        "--newton-digits 3   | --newton-digits needs two digits written A,B, not \"3\"",
        "--newton-digits 3,3 | --newton-digits needs two different digits, not 3,3",
        "--newton-digits 3,x | --newton-digits needs a whole number, not \"x\"",
        "--newton-digits 3,10 | --newton-digits must be between 0 and 9, not 10",
        "--only network      | --only takes newton (the one section that runs alone), not \"network\"",
        "--output=           | --output needs a path, not an empty string",
        "epochs              | unexpected argument \"epochs\": options start with --",
      })
  void rejectsMistakesWithAClearMessage(String commandLine, String message) {
    String[] args = commandLine.split(" ");
    UsageException e = assertThrows(UsageException.class, () -> Options.parse(args));
    assertEquals(message, e.getMessage());
  }

  @Test
  void usageListsEveryOptionAndTheCredit() {
    String usage = Options.usage();
    for (String option :
        new String[] {"--epochs", "--hidden", "--lr", "--learning-rate", "--batch",
            "--weight-decay", "--seed", "--output", "--data", "--fit-start", "--newton-digits",
            "--only", "--help"}) {
      assertTrue(usage.contains(option), option);
    }
    assertTrue(usage.contains("Alpaydin"), usage);
    assertTrue(usage.contains("CC BY 4.0"), usage);
    assertTrue(usage.contains("Thurber"), usage);
  }
}
