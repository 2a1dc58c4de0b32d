package com.beiying.gateway.ingress.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.beiying.gateway.support.AdminApi;
import com.beiying.gateway.support.Fixtures;
import com.beiying.gateway.support.GatewayClient;
import com.beiying.gateway.support.IntegrationTest;
import com.beiying.gateway.support.Simulator;
import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import tools.jackson.databind.JsonNode;

/**
 * The operator console driven by a real browser (Debian's chromium, headless, through
 * chromium-driver) against the whole running gateway: a back-office task from sign-in to the
 * daily chart, and the console's security seen from the browser's side. Each page is saved as
 * {@code target/console-screenshots/<page>.png}. Tagged {@code browser} so that it can run as a
 * stage of its own ({@code ./mvnw test -Dgroups=browser}); it is part of {@code ./mvnw verify}
 * too, and without chromium it fails saying what to install, rather than skipping.
 */
@Tag("browser")
class ConsoleBrowserTest extends IntegrationTest {
    private static final Path SHOTS = Path.of("target", "console-screenshots");
    private static final String CHROMIUM = System.getenv().getOrDefault("CHROME_BIN", "/usr/bin/chromium");
    private static final String DRIVER = System.getenv().getOrDefault("CHROMEDRIVER", "/usr/bin/chromedriver");
    private static ChromeDriver driver;
    private final List<String> visited = new ArrayList<>();

    @BeforeAll
    static void startBrowser() throws IOException {
        if (!new File(CHROMIUM).canExecute() || !new File(DRIVER).canExecute()) {
            throw new AssertionError("The console's browser test needs Debian's chromium and chromium-driver (" + CHROMIUM + ", "
                    + DRIVER + "): sudo apt-get install -y chromium chromium-driver (or set CHROME_BIN and CHROMEDRIVER)");
        }
        Files.createDirectories(SHOTS);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM);
        // root in CI and containers: chromium's sandbox needs a user namespace it does not get there.
        options.addArguments("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
                "--window-size=1440,1600", "--lang=zh-CN");
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "zh-CN,zh"));
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(new File(DRIVER)).usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(60));
        // A click that submits a form can return before the answer page is there on a loaded machine:
        // looking an element up waits for it (every lookup here expects the element to exist).
        driver.manage().timeouts().implicitlyWait(Duration.ofSeconds(15));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private String token() {
        return environment.getRequiredProperty("gateway.security.admin-token");
    }

    @Test
    void aBackOfficeTaskFromSignInToTheDailyChart() throws Exception {
        driver.manage().deleteAllCookies();
        // Without a session every page leads to sign-in, in the browser's language (Chinese here).
        open("/console/operators");
        assertThat(path()).isEqualTo("/console/signin");
        assertThat(driver.getTitle()).contains("登录");
        shot("signin-zh");
        click(By.id("lang-en"));
        assertThat(driver.getTitle()).contains("Sign in");
        shot("signin");

        // A wrong token is refused, and no session cookie is set.
        type(By.id("token"), "not-the-token");
        click(By.id("signin"));
        assertThat(text(By.id("error"))).contains("not the admin token");
        assertThat(driver.manage().getCookieNamed(ConsoleGuard.COOKIE)).isNull();

        signIn();
        assertThat(path()).isEqualTo("/console/operators");
        Cookie session = driver.manage().getCookieNamed(ConsoleGuard.COOKIE);
        assertThat(session).isNotNull();
        assertThat(session.isHttpOnly()).isTrue();
        assertThat(session.getSameSite()).isEqualTo("Strict");
        assertThat(session.getPath()).isEqualTo("/console");
        assertThat((String) js("return document.cookie;")).doesNotContain(ConsoleGuard.COOKIE).doesNotContain(session.getValue());
        shot("operators");

        // Create an operator: its secret is shown once.
        type(By.id("Name"), "Browser operator");
        type(By.id("IpAllowlist"), "127.0.0.0/8\n::1/128");
        type(By.id("LaunchDomain"), "play.browser.example");
        click(By.id("create"));
        String operatorId = text(By.id("cred-operator"));
        String apiKey = text(By.id("cred-apikey"));
        String secret = text(By.id("cred-secret"));
        assertThat(secret).hasSizeGreaterThan(20);
        shot("operator-created");
        click(By.id("to-operator"));
        assertThat(text(By.id("operator-id"))).isEqualTo(operatorId);
        assertThat(driver.getPageSource()).doesNotContain(secret);

        // Bad input gets the catalog's answer and changes nothing; good input is saved.
        WebElement zone = driver.findElement(By.id("TimeZone"));
        zone.clear();
        zone.sendKeys("Mars/Olympus");
        click(By.id("save-settings"));
        assertThat(text(By.id("error"))).contains("Expected Asia/Shanghai");
        assertThat(admin().send("GET", "/admin/v1/operators/" + operatorId, "", token()).json().path("TimeZone").asString())
                .isEqualTo("Asia/Shanghai");
        zone = driver.findElement(By.id("TimeZone"));
        zone.clear();
        zone.sendKeys("Asia/Shanghai");
        click(By.id("save-settings"));
        assertThat(text(By.id("notice"))).contains("Settings saved");

        // Credit for KY.
        WebElement credit = driver.findElement(By.cssSelector("#credit-lines tr[data-game=KY] input[name=Credit]"));
        credit.clear();
        credit.sendKeys("5000");
        click(By.cssSelector("#credit-lines tr[data-game=KY] button"));
        assertThat(text(By.id("notice"))).contains("Credit line saved");
        assertThat(text(By.cssSelector("#credit-lines tr[data-game=KY] td.credit"))).isEqualTo("5000.00");
        shot("operator");

        // A game into maintenance and out of it.
        click(By.id("nav-games"));
        click(By.cssSelector("#games tr[data-game=XJ188] form.start button"));
        assertThat(driver.findElement(By.cssSelector("#games tr[data-game=XJ188]")).getAttribute("data-status")).isEqualTo("Maintenance");
        assertThat(admin().send("GET", "/admin/v1/games", "", token()).body()).contains("\"Code\":\"XJ188\",\"Name\":\"小金188\","
                + "\"Type\":\"SPORTS\",\"Status\":\"Maintenance\"");
        shot("games");
        click(By.cssSelector("#games tr[data-game=XJ188] form.lift button"));
        assertThat(driver.findElement(By.cssSelector("#games tr[data-game=XJ188]")).getAttribute("data-status")).isEqualTo("Normal");

        // The operator's member registers and moves money through the API; it plays one bet at KY.
        GatewayClient client = new GatewayClient(baseUrl(), apiKey, secret);
        String user = Fixtures.userName();
        assertThat(client.post("/v1/account/register", Fixtures.register(user, "abc12345")).send().code()).isEqualTo("Success");
        String orderIn = "bin" + Fixtures.requestId().substring(2, 20);
        String orderOut = "bout" + Fixtures.requestId().substring(2, 20);
        GatewayClient.Response in = client.post("/v1/account/transfer", "{\"UserName\":\"" + user + "\",\"Game\":\"KY\",\"OrderID\":\""
                + orderIn + "\",\"Money\":\"300.00\",\"Action\":\"IN\"}").send();
        assertThat(in.code()).as(in.body()).isEqualTo("Success");
        assertThat(client.post("/v1/account/transfer", "{\"UserName\":\"" + user + "\",\"Game\":\"KY\",\"OrderID\":\"" + orderOut
                + "\",\"Money\":\"50.00\",\"Action\":\"OUT\"}").send().code()).isEqualTo("Success");
        String account = queryString("SELECT account_name FROM provider_accounts p JOIN members m USING (member_id)"
                + " WHERE m.operator_id = ? AND m.user_name = ? AND p.game = 'KY'", operatorId, user);
        String betId = new Simulator(baseUrl()).placeBet("KY", account, "620", "20.00", "35.00",
                Instant.now().minus(Duration.ofSeconds(65)));
        await().atMost(Duration.ofSeconds(40)).until(() -> count("SELECT count(*) FROM bets WHERE operator_id = ?"
                + " AND provider_bet_id = ?", operatorId, betId) == 1);

        // Member lookup: accounts with the provider's balance, and the orders.
        click(By.id("nav-members"));
        new Select(driver.findElement(By.id("OperatorId"))).selectByValue(operatorId);
        type(By.id("UserName"), user);
        click(By.id("find"));
        assertThat(text(By.id("member-name"))).isEqualTo(user);
        assertThat(text(By.cssSelector("#accounts tr[data-game=KY] td.balance"))).isEqualTo("265.00");
        assertThat(driver.findElements(By.cssSelector("#orders tr[data-order]"))).hasSize(2);
        assertThat(driver.findElement(By.cssSelector("#orders tr[data-order='" + orderIn + "']")).getText()).contains("300.00");
        shot("member");

        // Bet search finds the member's bet, as /v1/bet/records shows it.
        click(By.id("member-bets"));
        click(By.id("search"));
        WebElement bet = driver.findElement(By.cssSelector("#bets tr[data-bet='KY-" + betId + "']"));
        assertThat(bet.getAttribute("data-user")).isEqualTo(user);
        assertThat(bet.getText()).contains("20.00").contains("35.00").contains("15.00").contains("Settled");
        shot("bets");

        click(By.id("nav-unresolved"));
        shot("unresolved");

        // The ledger check against the providers, and reconciliation: both clean for this operator.
        click(By.id("nav-ledger"));
        tick(By.id("CompareProviders"));
        new Select(driver.findElement(By.id("OperatorId"))).selectByValue(operatorId);
        click(By.id("run"));
        assertThat(driver.findElements(By.id("ledger-ok"))).as(driver.getPageSource()).hasSize(1);
        shot("ledger");
        click(By.id("nav-reconciliation"));
        new Select(driver.findElement(By.id("OperatorId"))).selectByValue(operatorId);
        click(By.id("run"));
        assertThat(driver.findElement(By.id("recon-verdict")).getAttribute("data-ok")).as(text(By.id("result"))).isEqualTo("true");
        assertThat(text(By.id("lines"))).contains(user).contains("265.00");
        shot("reconciliation");

        // The daily report: KY's chart is drawn beside its table.
        click(By.id("nav-report"));
        new Select(driver.findElement(By.id("OperatorId"))).selectByValue(operatorId);
        click(By.id("show"));
        new WebDriverWait(driver, Duration.ofSeconds(15)).until(ExpectedConditions.presenceOfElementLocated(
                By.cssSelector("#chart-KY[data-drawn=true] canvas")));
        Object painted = js("var c = document.querySelector('#chart-KY canvas');"
                + "var d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;"
                + "var n = 0; for (var i = 3; i < d.length; i += 4) { if (d[i] !== 0) { n++; } } return n;");
        assertThat(((Number) painted).longValue()).as("painted pixels of KY's chart").isGreaterThan(1000);
        String total = text(By.cssSelector("section[data-game=KY] tr.total"));
        assertThat(total).contains("300.00").contains("50.00").contains("20.00").contains("-15.00");
        shot("report");

        // Chinese again, by the switch.
        click(By.id("lang-zh"));
        assertThat(driver.getTitle()).contains("日报表");
        shot("report-zh");
        click(By.id("lang-en"));

        // Rotating keys shows the new pair once.
        open("/console/operators/" + operatorId);
        js("window.confirm = function () { return true; };");
        click(By.id("rotate"));
        assertThat(text(By.id("cred-secret"))).isNotEqualTo(secret).hasSizeGreaterThan(20);
        shot("keys-rotated");

        assertThat(browserErrors()).as("CSP violations or script errors").isEmpty();
        assertThat(visited).isNotEmpty().noneMatch(url -> url.contains(token()));
        signOut();
    }

    @Test
    void sessionsAndChangesAreGuardedFromTheBrowsersSide() throws Exception {
        driver.manage().deleteAllCookies();
        AdminApi.Operator op = admin().createLoopback("");
        signIn();
        String sessionValue = driver.manage().getCookieNamed(ConsoleGuard.COOKIE).getValue();

        // A change without the CSRF token is refused and changes nothing: the form without its hidden field...
        open("/console/operators/" + op.operatorId());
        js("window.confirm = function () { return true; };"
                + "document.querySelector('#status-form input[name=_csrf]').remove();");
        click(By.id("toggle-status"));
        assertThat(driver.findElements(By.id("refused"))).hasSize(1);
        assertThat(status(op.operatorId())).isEqualTo("ACTIVE");
        // ...and a script's post with the session cookie but no token.
        open("/console/operators/" + op.operatorId());
        Object refused = ((JavascriptExecutor) driver).executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch('/console/operators/" + op.operatorId() + "/status', {method: 'POST', credentials: 'same-origin',"
                + " headers: {'Content-Type': 'application/x-www-form-urlencoded'}, body: 'Status=SUSPENDED'})"
                + ".then(function (r) { done(r.status); });");
        assertThat(((Number) refused).intValue()).isEqualTo(403);
        assertThat(status(op.operatorId())).isEqualTo("ACTIVE");
        // With the token it runs.
        open("/console/operators/" + op.operatorId());
        js("window.confirm = function () { return true; };");
        click(By.id("toggle-status"));
        awaitShownStatus("SUSPENDED");
        assertThat(status(op.operatorId())).isEqualTo("SUSPENDED");
        // The page was reloaded: confirm again, and wait for the answer page before reading the database.
        js("window.confirm = function () { return true; };");
        click(By.id("toggle-status"));
        awaitShownStatus("ACTIVE");
        assertThat(status(op.operatorId())).isEqualTo("ACTIVE");

        // Signing out ends the session on the server, not just in this browser.
        signOut();
        assertThat(driver.manage().getCookieNamed(ConsoleGuard.COOKIE)).isNull();
        open("/console/members");
        assertThat(path()).isEqualTo("/console/signin");
        HttpResponse<String> replay = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(baseUrl() + "/console/operators"))
                .header("Cookie", ConsoleGuard.COOKIE + "=" + sessionValue).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(replay.statusCode()).isEqualTo(303);
        assertThat(replay.headers().firstValue("Location").orElseThrow()).endsWith("/console/signin");
        assertThat(visited).noneMatch(url -> url.contains(token()));
    }

    private String status(String operatorId) {
        JsonNode o = admin().send("GET", "/admin/v1/operators/" + operatorId, "", token()).json();
        return o.path("Status").asString();
    }

    private void signIn() {
        open("/console/signin");
        type(By.id("token"), token());
        click(By.id("signin"));
        assertThat(driver.manage().getCookieNamed(ConsoleGuard.COOKIE)).as(() -> driver.getCurrentUrl() + "\n"
                + driver.findElement(By.tagName("body")).getText()).isNotNull();
    }

    private void signOut() {
        click(By.id("signout"));
        assertThat(path()).isEqualTo("/console/signin");
    }

    /**
     * Until the answer page shows the operator's status: the click returns while the old page (with
     * its own #status) may still be there, or be replaced under the lookup.
     */
    private void awaitShownStatus(String expected) {
        await().atMost(Duration.ofSeconds(15)).ignoreExceptions()
                .until(() -> expected.equals(driver.findElement(By.id("status")).getAttribute("data-status")));
    }

    private void open(String path) {
        driver.get(baseUrl() + path);
        visited.add(driver.getCurrentUrl());
    }

    /**
     * Clicks what leads to another page and waits until the browser has loaded a new one: the click
     * may return first, and a lookup would then find the old page's element, stale or with its old
     * values (a CI run read a maintenance row's status from the page before the answer). The old
     * page is marked in its window object, which a navigation replaces. Asking the old page's
     * element whether it went stale was not enough: mid-navigation chromedriver answered "Node with
     * given id does not belong to the document" (another CI run), so errors while the documents
     * change are ignored until the new one answers.
     */
    private void click(By by) {
        js("window.beiyingOldPage = true;");
        driver.findElement(by).click();
        new WebDriverWait(driver, Duration.ofSeconds(15)).ignoring(WebDriverException.class)
                .until(d -> Boolean.TRUE.equals(js("return window.beiyingOldPage === undefined"
                        + " && document.readyState === 'complete';")));
        visited.add(driver.getCurrentUrl());
    }

    /** Clicks a control that stays on the page (a checkbox). */
    private void tick(By by) {
        driver.findElement(by).click();
    }

    private void type(By by, String text) {
        WebElement e = driver.findElement(by);
        e.clear();
        e.sendKeys(text);
    }

    private String text(By by) {
        return driver.findElement(by).getText();
    }

    private String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    private Object js(String script) {
        return ((JavascriptExecutor) driver).executeScript(script);
    }

    private void shot(String page) throws IOException {
        Files.write(SHOTS.resolve(page + ".png"), driver.getScreenshotAs(OutputType.BYTES));
    }

    /**
     * Severe browser log entries: CSP refusals and script errors. The pages the test had refused
     * on purpose (a wrong token, a bad time zone) and a favicon the console does not have are none.
     */
    private List<String> browserErrors() {
        List<String> errors = new ArrayList<>();
        for (LogEntry e : driver.manage().logs().get(LogType.BROWSER)) {
            if (e.getLevel().intValue() >= Level.SEVERE.intValue() && !e.getMessage().contains("favicon")
                    && !e.getMessage().matches(".*Failed to load resource: the server responded with a status of 4\\d\\d.*")) {
                errors.add(e.getMessage());
            }
        }
        return errors;
    }
}
