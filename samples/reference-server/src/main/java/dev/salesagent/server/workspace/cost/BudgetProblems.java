package dev.salesagent.server.workspace.cost;

import dev.salesagent.core.cost.BudgetExceededException;
import dev.salesagent.server.platform.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * A model call refused by a hard budget limit answers 402 {@code budget-exceeded} (RFC 9457) naming the budget, its
 * limit, what was already committed and what the call would have reserved; nothing was sent to the provider.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class BudgetProblems {

    @ExceptionHandler(BudgetExceededException.class)
    ResponseEntity<ProblemDetail> exceeded(BudgetExceededException e) {
        ProblemDetail problem = Problems.of(HttpStatus.PAYMENT_REQUIRED, "budget-exceeded", "Budget exceeded",
                "The call would pass budget " + e.budget() + "; nothing was sent to the model. An administrator can "
                        + "raise the limit (PUT /api/v1/budgets) or wait for the next period.");
        problem.setProperty("budget_id", e.budget());
        problem.setProperty("limit_usd", Usd.format(e.limitUsd()));
        problem.setProperty("committed_usd", Usd.format(e.committedUsd()));
        problem.setProperty("requested_usd", Usd.format(e.requestedUsd()));
        return ResponseEntity.status(HttpStatus.PAYMENT_REQUIRED).body(problem);
    }
}
