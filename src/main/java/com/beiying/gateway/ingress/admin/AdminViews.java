package com.beiying.gateway.ingress.admin;

import com.beiying.gateway.domain.Reconciliation;
import com.beiying.gateway.error.Language;
import com.beiying.gateway.ingress.ResponseWriter;
import com.beiying.gateway.persistence.OperatorStore;
import com.beiying.gateway.persistence.OrderStore;
import com.beiying.gateway.persistence.ReportStore;
import java.util.List;
import org.springframework.http.ResponseEntity;
import tools.jackson.core.JsonGenerator;

/** How the admin API shows what it returns: PascalCase fields beside the success head, like {@code /v1}. */
final class AdminViews {
    private final ResponseWriter writer;

    AdminViews(ResponseWriter writer) {
        this.writer = writer;
    }

    /** A new key pair, shown once. */
    ResponseEntity<byte[]> credentials(OperatorAdmin.Credentials c, Language language) {
        return writer.success(language, g -> {
            g.writeStringProperty("OperatorId", c.operatorId());
            g.writeStringProperty("ApiKey", c.apiKey());
            g.writeStringProperty("Secret", c.secret());
        });
    }

    /** An operator's settings, never its secret. */
    ResponseEntity<byte[]> operator(OperatorAdmin.View view, Language language) {
        return writer.success(language, g -> operatorFields(g, view));
    }

    /** Every operator, each as {@link #operator} shows one. */
    ResponseEntity<byte[]> operators(List<OperatorAdmin.View> views, Language language) {
        return writer.success(language, g -> {
            g.writeName("Operators");
            g.writeStartArray();
            for (OperatorAdmin.View view : views) {
                g.writeStartObject();
                operatorFields(g, view);
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** Every game's credit line of one operator. */
    ResponseEntity<byte[]> creditLines(String operatorId, List<OperatorStore.GameLine> lines, Language language) {
        return writer.success(language, g -> {
            g.writeStringProperty("OperatorId", operatorId);
            g.writeName("Lines");
            g.writeStartArray();
            for (OperatorStore.GameLine l : lines) {
                g.writeStartObject();
                g.writeStringProperty("Game", l.line().game());
                g.writeBooleanProperty("Enabled", l.enabled());
                g.writeStringProperty("Credit", l.line().creditLimit().toPlainString());
                g.writeStringProperty("Used", l.line().creditUsed().toPlainString());
                g.writeStringProperty("Available", l.line().available().toPlainString());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** A member, its provider accounts (with balances when asked) and its latest orders. */
    ResponseEntity<byte[]> member(MemberAdmin.Found found, Language language) {
        return writer.success(language, g -> {
            g.writeStringProperty("OperatorId", found.operatorId());
            g.writeStringProperty("UserName", found.member().userName());
            g.writeNumberProperty("UserId", found.member().memberId());
            g.writeBooleanProperty("Locked", found.member().locked());
            g.writeName("Accounts");
            g.writeStartArray();
            for (MemberAdmin.Account a : found.accounts()) {
                g.writeStartObject();
                g.writeStringProperty("Game", a.account().game().code());
                g.writeStringProperty("Account", a.account().account());
                g.writeStringProperty("OpenedAt", a.account().openedAt().toString());
                if (a.balance() != null) {
                    g.writeStringProperty("Balance", a.balance().toPlainString());
                }
                if (a.error() != null) {
                    g.writeStringProperty("Error", a.error());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            orderArray(g, found.orders());
        });
    }

    private static void operatorFields(JsonGenerator g, OperatorAdmin.View view) {
        OperatorStore.OperatorRow o = view.operator();
        g.writeStringProperty("OperatorId", o.operatorId());
        g.writeStringProperty("Name", o.name());
        g.writeStringProperty("Status", o.active() ? "ACTIVE" : "SUSPENDED");
        g.writeName("IpAllowlist");
        strings(g, o.ipAllowlist());
        g.writeStringProperty("LaunchDomain", o.launchDomain());
        g.writeStringProperty("Currency", o.currency());
        g.writeStringProperty("ErrorFormat", o.errorFormat().name());
        g.writeName("Games");
        strings(g, view.games());
        g.writeName("RateLimit");
        if (o.rateLimit() == null) {
            g.writeNull();
        } else {
            g.writeNumber(o.rateLimit());
        }
        g.writeBooleanProperty("KafkaNative", o.kafkaNative());
        g.writeStringProperty("TimeZone", o.timeZone().getId());
    }

    /** A credit line with what is used and what is available. */
    ResponseEntity<byte[]> creditLine(OperatorStore.CreditLine line, Language language) {
        return writer.success(language, g -> {
            g.writeStringProperty("OperatorId", line.operatorId());
            g.writeStringProperty("Game", line.game());
            g.writeStringProperty("Credit", line.creditLimit().toPlainString());
            g.writeStringProperty("Used", line.creditUsed().toPlainString());
            g.writeStringProperty("Available", line.available().toPlainString());
        });
    }

    /** The ledger check's answer. */
    ResponseEntity<byte[]> violations(List<String> violations, Language language) {
        return writer.success(language, g -> {
            g.writeBooleanProperty("Ok", violations.isEmpty());
            g.writeName("Violations");
            strings(g, violations);
        });
    }

    /** A reconciliation: Ok, each game's collection edge, and every line. */
    ResponseEntity<byte[]> reconciliation(Reconciliation r, Language language) {
        return writer.success(language, g -> {
            g.writeBooleanProperty("Ok", r.ok());
            g.writeName("CollectedTo");
            g.writeStartObject();
            r.collectedTo().forEach((game, at) -> g.writeStringProperty(game.code(), at.toString()));
            g.writeEndObject();
            g.writeName("Lines");
            g.writeStartArray();
            for (Reconciliation.Line l : r.lines()) {
                g.writeStartObject();
                g.writeStringProperty("OperatorId", l.operatorId());
                g.writeStringProperty("UserName", l.userName());
                g.writeStringProperty("Game", l.game().code());
                g.writeStringProperty("Ledger", l.ledger().toPlainString());
                g.writeStringProperty("SettledWinLoss", l.settledWinLoss().toPlainString());
                g.writeStringProperty("OpenStakes", l.openStakes().toPlainString());
                g.writeNumberProperty("Bets", l.bets());
                g.writeStringProperty("Expected", l.expected().toPlainString());
                g.writeStringProperty("ProviderBalance", l.provider() == null ? null : l.provider().toPlainString());
                g.writeStringProperty("Difference", l.difference() == null ? null : l.difference().toPlainString());
                if (l.error() != null) {
                    g.writeStringProperty("Error", l.error());
                }
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** The daily report: its operator, zone and days, and one row per day and game with activity. */
    ResponseEntity<byte[]> daily(ReportAdmin.Daily report, Language language) {
        return writer.success(language, g -> {
            g.writeStringProperty("OperatorId", report.operatorId());
            g.writeStringProperty("TimeZone", report.zone().getId());
            g.writeStringProperty("From", report.days().from().toString());
            g.writeStringProperty("To", report.days().to().toString());
            g.writeName("Days");
            g.writeStartArray();
            for (ReportStore.Day d : report.rows()) {
                g.writeStartObject();
                g.writeStringProperty("Date", d.date().toString());
                g.writeStringProperty("Game", d.game().code());
                g.writeStringProperty("TransfersIn", d.transfersIn().toPlainString());
                g.writeNumberProperty("TransfersInCount", d.transfersInCount());
                g.writeStringProperty("TransfersOut", d.transfersOut().toPlainString());
                g.writeNumberProperty("TransfersOutCount", d.transfersOutCount());
                g.writeNumberProperty("Bets", d.bets());
                g.writeStringProperty("BetAmount", d.betAmount().toPlainString());
                g.writeStringProperty("Turnover", d.turnover().toPlainString());
                g.writeStringProperty("Payout", d.payout().toPlainString());
                g.writeStringProperty("GGR", d.ggr().toPlainString());
                g.writeNumberProperty("ActiveMembers", d.activeMembers());
                g.writeEndObject();
            }
            g.writeEndArray();
        });
    }

    /** Orders, as the unresolved list shows them. */
    ResponseEntity<byte[]> orders(List<OrderStore.Order> orders, Language language) {
        return writer.success(language, g -> orderArray(g, orders));
    }

    private static void orderArray(JsonGenerator g, List<OrderStore.Order> orders) {
        g.writeName("Orders");
        g.writeStartArray();
        for (OrderStore.Order o : orders) {
            g.writeStartObject();
            g.writeStringProperty("OperatorId", o.operatorId());
            g.writeStringProperty("OrderID", o.orderId());
            g.writeStringProperty("UserName", o.userName());
            g.writeStringProperty("Game", o.game().code());
            g.writeStringProperty("Money", o.amount().toPlainString());
            g.writeStringProperty("Action", o.action().name());
            g.writeStringProperty("Status", o.status().name());
            g.writeStringProperty("CreatedAt", o.createdAt().toString());
            if (o.finishedAt() != null) {
                g.writeStringProperty("FinishedAt", o.finishedAt().toString());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
    }

    private static void strings(JsonGenerator g, List<String> values) {
        g.writeStartArray();
        for (String v : values) {
            g.writeString(v);
        }
        g.writeEndArray();
    }
}
