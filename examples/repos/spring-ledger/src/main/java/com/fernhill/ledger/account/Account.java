package com.fernhill.ledger.account;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.util.UUID;

@Entity
@Table(name = "accounts")
public class Account {

  @Id private UUID id;

  @Column(nullable = false, unique = true, length = 64)
  private String code;

  @Column(nullable = false)
  private String name;

  @Column(nullable = false, length = 3)
  private String currency;

  @Column(name = "balance_minor", nullable = false)
  private long balanceMinor;

  @Column(name = "allow_negative", nullable = false)
  private boolean allowNegative;

  @Version private long version;

  protected Account() {}

  public Account(String code, String name, String currency, boolean allowNegative) {
    this.id = UUID.randomUUID();
    this.code = code;
    this.name = name;
    this.currency = currency;
    this.allowNegative = allowNegative;
  }

  /** Adds a signed amount to the balance, refusing to overdraw unless the account allows it. */
  public void apply(long amountMinor) {
    long next = Math.addExact(balanceMinor, amountMinor);
    if (next < 0 && !allowNegative) {
      throw new InsufficientFundsException(code, balanceMinor, amountMinor);
    }
    balanceMinor = next;
  }

  public UUID getId() {
    return id;
  }

  public String getCode() {
    return code;
  }

  public String getName() {
    return name;
  }

  public String getCurrency() {
    return currency;
  }

  public long getBalanceMinor() {
    return balanceMinor;
  }

  public boolean isAllowNegative() {
    return allowNegative;
  }

  public static class InsufficientFundsException extends RuntimeException {
    public InsufficientFundsException(String code, long balance, long amount) {
      super("account " + code + " has " + balance + " and cannot take " + amount);
    }
  }
}
