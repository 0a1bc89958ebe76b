package io.alertscoring.api.page;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The analyst page in a real browser: Debian's {@code chromium} driven through {@code
 * chromium-driver} (headless), with the page's actions (open, filter, open an alert, screenshot)
 * and what it shows read back. Shared by the browser tests of the page (over a test repository
 * here, over a {@code local} run end to end); {@code bin/run-tests} installs both packages.
 *
 * <p>The driver and the browser are found at their Debian paths (or {@value #CHROMIUM_PROPERTY} and
 * {@value #DRIVER_PROPERTY}); neither is downloaded. When they are missing or the browser does not
 * start, {@link #start} throws: a browser test never skips.
 */
public final class AnalystPageDriver implements AutoCloseable {

  public static final String CHROMIUM_PROPERTY = "alertscoring.chromium";
  public static final String DRIVER_PROPERTY = "alertscoring.chromedriver";
  static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";
  static final String DEFAULT_DRIVER = "/usr/bin/chromedriver";

  /** How long an action may take to show (a swap is a few milliseconds on a quiet machine). */
  public static final Duration WAIT = Duration.ofSeconds(20);

  /** One row of the alerts table as shown. */
  public record AlertRow(
      String alertId, String priority, String typology, String score, List<String> sentences) {}

  /** The alert detail as shown. */
  public record AlertDetail(String alertId, String text) {}

  private final WebDriver driver;
  private final String baseUrl;
  private final Path screenshots;

  private AnalystPageDriver(WebDriver driver, String baseUrl, Path screenshots) {
    this.driver = driver;
    this.baseUrl = baseUrl;
    this.screenshots = screenshots;
  }

  /**
   * A headless browser for the API at {@code baseUrl} (e.g. {@code http://127.0.0.1:8000}),
   * screenshots going to {@code screenshots}.
   *
   * @throws IllegalStateException when chromium or its driver is missing or does not start
   */
  public static AnalystPageDriver start(String baseUrl, Path screenshots) {
    File chromium = executable(CHROMIUM_PROPERTY, DEFAULT_CHROMIUM, "chromium");
    File chromedriver = executable(DRIVER_PROPERTY, DEFAULT_DRIVER, "chromium-driver");
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium);
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-background-networking",
        "--disable-dev-shm-usage",
        "--disable-gpu",
        "--window-size=1600,1200");
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(chromedriver).build();
    WebDriver driver;
    try {
      driver = new ChromeDriver(service, options);
    } catch (RuntimeException e) {
      throw new IllegalStateException(
          "chromium did not start through " + chromedriver + ": " + e.getMessage(), e);
    }
    return new AnalystPageDriver(driver, stripSlash(baseUrl), screenshots);
  }

  /** As {@link #start(String, Path)}, screenshots under {@code target/screenshots}. */
  public static AnalystPageDriver start(String baseUrl) {
    return start(baseUrl, Path.of("target", "screenshots"));
  }

  private static File executable(String property, String defaultPath, String debianPackage) {
    File file = new File(System.getProperty(property, defaultPath));
    if (!file.canExecute()) {
      throw new IllegalStateException(
          file
              + " is missing: install Debian's "
              + debianPackage
              + " (apt-get install -y chromium chromium-driver; bin/run-tests does) or set -D"
              + property);
    }
    return file;
  }

  private static String stripSlash(String url) {
    return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
  }

  public WebDriver webDriver() {
    return driver;
  }

  /** Opens {@code path} of the API (e.g. {@code "/"}) and waits for the alerts. */
  public AnalystPageDriver open(String path) {
    driver.get(baseUrl + path);
    waitFor(ExpectedConditions.presenceOfElementLocated(By.id("alerts")));
    return this;
  }

  /** Opens the page with its defaults. */
  public AnalystPageDriver openHome() {
    return open("/");
  }

  /** True once htmx has loaded (from the API's own webjar path). */
  public boolean htmxLoaded() {
    Object loaded =
        ((JavascriptExecutor) driver).executeScript("return typeof window.htmx === 'object';");
    return Boolean.TRUE.equals(loaded);
  }

  /** The rows of the alerts table, in the order shown. */
  public List<AlertRow> alertRows() {
    List<AlertRow> rows = new ArrayList<>();
    for (WebElement tr : driver.findElements(By.cssSelector("#alerts tr.alert-row"))) {
      List<String> sentences = new ArrayList<>();
      for (WebElement s : tr.findElements(By.cssSelector("li.reason .sentence"))) {
        sentences.add(s.getText());
      }
      List<WebElement> cells = tr.findElements(By.tagName("td"));
      rows.add(
          new AlertRow(
              tr.getAttribute("data-alert-id"),
              tr.getAttribute("data-priority"),
              tr.getAttribute("data-typology"),
              cells.size() > 2 ? cells.get(2).getText() : "",
              List.copyOf(sentences)));
    }
    return rows;
  }

  /** The summary line above the table ("Showing 10 of ..."). */
  public String alertsSummary() {
    return driver.findElement(By.cssSelector("#alerts .summary")).getText();
  }

  /** Chooses a priority ("" for any) and waits for the table of that filter. */
  public AnalystPageDriver filterPriority(String priority) {
    return choose("priority", priority);
  }

  /** Chooses a typology ("" for any) and waits for the table of that filter. */
  public AnalystPageDriver filterTypology(String typology) {
    return choose("typology", typology);
  }

  private AnalystPageDriver choose(String filter, String value) {
    new Select(driver.findElement(By.id(filter))).selectByValue(value);
    waitFor(
        d -> Objects.equals(d.findElement(By.id("alerts")).getAttribute("data-" + filter), value));
    return this;
  }

  /** Chooses a network (the view is replaced by that network's latest date). */
  public AnalystPageDriver chooseNetwork(String network) {
    new Select(driver.findElement(By.id("network"))).selectByValue(network);
    waitFor(
        d -> Objects.equals(d.findElement(By.id("alerts")).getAttribute("data-network"), network));
    return this;
  }

  /** Clicks the alert's link in the table and waits for its detail. */
  public AlertDetail openAlert(String alertId) {
    for (WebElement tr : driver.findElements(By.cssSelector("#alerts tr.alert-row"))) {
      if (alertId.equals(tr.getAttribute("data-alert-id"))) {
        tr.findElement(By.cssSelector("button.open-alert")).click();
        waitFor(d -> alertId.equals(d.findElement(By.id("detail")).getAttribute("data-alert-id")));
        return new AlertDetail(alertId, driver.findElement(By.id("detail")).getText());
      }
    }
    throw new IllegalArgumentException("alert " + alertId + " is not in the table");
  }

  /** The batch metadata panel's text. */
  public String metadataText() {
    return driver.findElement(By.id("metadata")).getText();
  }

  /** Saves a PNG of the window as {@code <name>.png} in the screenshot directory. */
  public Path screenshot(String name) {
    try {
      Files.createDirectories(screenshots);
      Path target = screenshots.resolve(name + ".png");
      File shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE);
      Files.copy(shot.toPath(), target, StandardCopyOption.REPLACE_EXISTING);
      return target.toAbsolutePath();
    } catch (IOException e) {
      throw new IllegalStateException("could not save the screenshot " + name, e);
    }
  }

  private void waitFor(java.util.function.Function<WebDriver, ?> condition) {
    new WebDriverWait(driver, WAIT)
        .ignoring(org.openqa.selenium.StaleElementReferenceException.class)
        .until(condition::apply);
  }

  @Override
  public void close() {
    driver.quit();
  }
}
