package com.fernhill.ledger.posting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fernhill.ledger.account.Account;
import java.time.Instant;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostingTest {

  private final Account account = new Account("merchant-1", "Merchant 1", "GBP", false);
  private final Instant at = Instant.parse("2025-02-03T09:15:00Z");

  @Test
  void debitAndCreditLegsCancelOut() {
    UUID transfer = UUID.randomUUID();

    Posting debit = Posting.debit(transfer, account, 700, "payout", at);
    Posting credit = Posting.credit(transfer, account, 700, "payout", at);

    assertThat(debit.getAmountMinor() + credit.getAmountMinor()).isZero();
    assertThat(debit.getTransferId()).isEqualTo(credit.getTransferId());
  }

  @Test
  void rejectsNonPositiveAmounts() {
    assertThatThrownBy(() -> Posting.debit(UUID.randomUUID(), account, 0, "x", at))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> Posting.credit(UUID.randomUUID(), account, -5, "x", at))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
