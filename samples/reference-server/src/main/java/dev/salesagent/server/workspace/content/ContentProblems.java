package dev.salesagent.server.workspace.content;

import dev.salesagent.agents.sales.InvalidModelOutputException;
import dev.salesagent.agents.sales.lead.InvalidLeadException;
import dev.salesagent.server.platform.web.Problems;
import java.util.List;
import java.util.Map;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problems of the agents behind the content endpoints: bad lead data (400) and a model answer that stayed invalid (502). */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class ContentProblems {

    @ExceptionHandler(InvalidLeadException.class)
    ResponseEntity<ProblemDetail> invalidLead(InvalidLeadException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-lead", "Invalid lead",
                e.problems().size() + " problem(s) with the lead's data");
        List<Map<String, String>> errors = e.problems().stream().map(p -> Map.of("field", "lead", "message", p)).toList();
        problem.setProperty("errors", errors);
        return ResponseEntity.badRequest().body(problem);
    }

    @ExceptionHandler(InvalidModelOutputException.class)
    ResponseEntity<ProblemDetail> invalidModelOutput(InvalidModelOutputException e) {
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).body(Problems.of(HttpStatus.BAD_GATEWAY,
                "model-output-invalid", "Model answer invalid",
                "The model's answer did not match the expected shape after a repair attempt; try again"));
    }
}
