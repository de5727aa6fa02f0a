package com.fernhill.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fernhill.ledger.account.Account;
import com.fernhill.ledger.account.AccountRepository;
import com.fernhill.ledger.posting.PostingRepository;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LedgerServiceTest {

  private final AccountRepository accounts = mock(AccountRepository.class);
  private final PostingRepository postings = mock(PostingRepository.class);
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
  private final Clock clock = Clock.fixed(Instant.parse("2025-02-03T10:00:00Z"), ZoneOffset.UTC);

  private LedgerService service;
  private Account alpha;
  private Account beta;

  @BeforeEach
  void setUp() {
    service = new LedgerService(accounts, postings, clock, meters);
    alpha = new Account("alpha", "Alpha Ltd", "EUR", false);
    beta = new Account("beta", "Beta GmbH", "EUR", false);
    alpha.apply(10_000);
    when(accounts.lockByCode("alpha")).thenReturn(Optional.of(alpha));
    when(accounts.lockByCode("beta")).thenReturn(Optional.of(beta));
  }

  @Test
  void transferMovesMoneyAndWritesTwoPostings() {
    service.transfer("alpha", "beta", 2_500, "EUR", "invoice 1182");

    assertThat(alpha.getBalanceMinor()).isEqualTo(7_500);
    assertThat(beta.getBalanceMinor()).isEqualTo(2_500);
    verify(postings).saveAll(anyList());
    assertThat(meters.counter("ledger.transfers.completed").count()).isEqualTo(1.0);
  }

  @Test
  void rejectsACurrencyMismatch() {
    assertThatThrownBy(() -> service.transfer("alpha", "beta", 100, "USD", "fx"))
        .isInstanceOf(LedgerService.CurrencyMismatchException.class);
    verify(postings, never()).saveAll(anyList());
  }

  @Test
  void rejectsOverdrawingTheSource() {
    assertThatThrownBy(() -> service.transfer("beta", "alpha", 1, "EUR", "refund"))
        .isInstanceOf(Account.InsufficientFundsException.class);
    verify(postings, never()).saveAll(anyList());
  }

  @Test
  void rejectsATransferToTheSameAccount() {
    assertThatThrownBy(() -> service.transfer("alpha", "alpha", 1, "EUR", "loop"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void reportsUnknownAccounts() {
    when(accounts.lockByCode("ghost")).thenReturn(Optional.empty());

    assertThatThrownBy(() -> service.transfer("alpha", "ghost", 1, "EUR", "x"))
        .isInstanceOf(LedgerService.AccountNotFoundException.class);
  }
}
