package com.fernhill.ledger.web;

import com.fernhill.ledger.LedgerService;
import com.fernhill.ledger.account.Account;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.validation.annotation.Validated;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

@RestController
@Validated
@RequestMapping("/api")
public class LedgerController {

  public record AccountView(String code, String name, String currency, long balanceMinor) {}

  public record PostingView(
      UUID transferId, long amountMinor, String reference, Instant createdAt) {}

  public record TransferRequest(
      @NotBlank String from,
      @NotBlank String to,
      @Positive long amountMinor,
      @Pattern(regexp = "[A-Z]{3}") String currency,
      @NotBlank @Size(max = 140) String reference) {}

  public record TransferResponse(UUID transferId) {}

  private final LedgerService ledger;

  public LedgerController(LedgerService ledger) {
    this.ledger = ledger;
  }

  @GetMapping("/accounts/{code}")
  public AccountView account(@PathVariable String code) {
    Account a = ledger.account(code);
    return new AccountView(a.getCode(), a.getName(), a.getCurrency(), a.getBalanceMinor());
  }

  @GetMapping("/accounts/{code}/postings")
  public List<PostingView> postings(
      @PathVariable String code,
      @RequestParam(defaultValue = "50") @Min(1) @Max(500) int limit) {
    return ledger.recentPostings(code, limit).stream()
        .map(
            p ->
                new PostingView(
                    p.getTransferId(), p.getAmountMinor(), p.getReference(), p.getCreatedAt()))
        .toList();
  }

  @PostMapping("/transfers")
  @ResponseStatus(HttpStatus.CREATED)
  public TransferResponse transfer(@Valid @RequestBody TransferRequest req) {
    UUID id =
        ledger.transfer(
            req.from(), req.to(), req.amountMinor(), req.currency(), req.reference());
    return new TransferResponse(id);
  }

  @ExceptionHandler(LedgerService.AccountNotFoundException.class)
  ProblemDetail notFound(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.NOT_FOUND, e.getMessage());
  }

  @ExceptionHandler({
    Account.InsufficientFundsException.class,
    LedgerService.CurrencyMismatchException.class,
    IllegalArgumentException.class
  })
  ProblemDetail rejected(RuntimeException e) {
    return ProblemDetail.forStatusAndDetail(HttpStatus.UNPROCESSABLE_ENTITY, e.getMessage());
  }
}
