package com.fernhill.ledger;

import com.fernhill.ledger.account.Account;
import com.fernhill.ledger.account.AccountRepository;
import com.fernhill.ledger.posting.Posting;
import com.fernhill.ledger.posting.PostingRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.domain.PageRequest;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

@Service
public class LedgerService {

  private static final Logger log = LoggerFactory.getLogger(LedgerService.class);

  private final AccountRepository accounts;
  private final PostingRepository postings;
  private final Clock clock;
  private final Counter completedTransfers;

  public LedgerService(
      AccountRepository accounts, PostingRepository postings, Clock clock, MeterRegistry meters) {
    this.accounts = accounts;
    this.postings = postings;
    this.clock = clock;
    this.completedTransfers =
        Counter.builder("ledger.transfers.completed")
            .description("Transfers committed to the ledger")
            .register(meters);
  }

  /** Moves money between two accounts of the same currency and returns the transfer id. */
  @Transactional
  public UUID transfer(
      String fromCode, String toCode, long amountMinor, String currency, String reference) {
    if (fromCode.equals(toCode)) {
      throw new IllegalArgumentException("source and destination accounts must differ");
    }
    // Lock both rows in a stable order so concurrent opposite transfers cannot deadlock.
    boolean fromFirst = fromCode.compareTo(toCode) < 0;
    Account first = lock(fromFirst ? fromCode : toCode);
    Account second = lock(fromFirst ? toCode : fromCode);
    Account from = fromFirst ? first : second;
    Account to = fromFirst ? second : first;

    if (!from.getCurrency().equals(currency) || !to.getCurrency().equals(currency)) {
      throw new CurrencyMismatchException(currency, from.getCurrency(), to.getCurrency());
    }

    from.apply(-amountMinor);
    to.apply(amountMinor);

    UUID transferId = UUID.randomUUID();
    Instant now = clock.instant();
    postings.saveAll(
        List.of(
            Posting.debit(transferId, from, amountMinor, reference, now),
            Posting.credit(transferId, to, amountMinor, reference, now)));
    completedTransfers.increment();
    log.info(
        "transfer committed id={} from={} to={} amountMinor={} currency={}",
        transferId,
        fromCode,
        toCode,
        amountMinor,
        currency);
    return transferId;
  }

  @Transactional(readOnly = true)
  public Account account(String code) {
    return accounts.findByCode(code).orElseThrow(() -> new AccountNotFoundException(code));
  }

  @Transactional(readOnly = true)
  public List<Posting> recentPostings(String code, int limit) {
    account(code);
    return postings.findByAccountCodeOrderByCreatedAtDesc(code, PageRequest.of(0, limit));
  }

  private Account lock(String code) {
    return accounts.lockByCode(code).orElseThrow(() -> new AccountNotFoundException(code));
  }

  public static class AccountNotFoundException extends RuntimeException {
    public AccountNotFoundException(String code) {
      super("no account with code " + code);
    }
  }

  public static class CurrencyMismatchException extends RuntimeException {
    public CurrencyMismatchException(String requested, String fromCurrency, String toCurrency) {
      super(
          "transfer in "
              + requested
              + " between accounts in "
              + fromCurrency
              + " and "
              + toCurrency);
    }
  }
}
