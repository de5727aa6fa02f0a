package com.fernhill.ledger.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class AccountTest {

  @Test
  void creditsAndDebitsAdjustTheBalance() {
    Account account = new Account("merchant-17", "Merchant 17", "EUR", false);

    account.apply(5_000);
    account.apply(-1_250);

    assertThat(account.getBalanceMinor()).isEqualTo(3_750);
  }

  @Test
  void refusesToOverdrawAStandardAccount() {
    Account account = new Account("merchant-18", "Merchant 18", "EUR", false);
    account.apply(100);

    assertThatThrownBy(() -> account.apply(-101))
        .isInstanceOf(Account.InsufficientFundsException.class)
        .hasMessageContaining("merchant-18");
    assertThat(account.getBalanceMinor()).isEqualTo(100);
  }

  @Test
  void clearingAccountsMayGoNegative() {
    Account clearing = new Account("clearing-eur", "EUR clearing", "EUR", true);

    clearing.apply(-10_000);

    assertThat(clearing.getBalanceMinor()).isEqualTo(-10_000);
  }
}
