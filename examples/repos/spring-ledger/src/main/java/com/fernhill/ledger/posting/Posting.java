package com.fernhill.ledger.posting;

import com.fernhill.ledger.account.Account;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One leg of a transfer. The legs of a transfer always sum to zero. */
@Entity
@Table(name = "postings")
public class Posting {

  @Id private UUID id;

  @Column(name = "transfer_id", nullable = false)
  private UUID transferId;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "account_id")
  private Account account;

  @Column(name = "amount_minor", nullable = false)
  private long amountMinor;

  @Column(nullable = false, length = 140)
  private String reference;

  @Column(name = "created_at", nullable = false)
  private Instant createdAt;

  protected Posting() {}

  private Posting(
      UUID transferId, Account account, long amountMinor, String reference, Instant at) {
    this.id = UUID.randomUUID();
    this.transferId = transferId;
    this.account = account;
    this.amountMinor = amountMinor;
    this.reference = reference;
    this.createdAt = at;
  }

  public static Posting debit(
      UUID transferId, Account account, long amount, String ref, Instant at) {
    if (amount <= 0) {
      throw new IllegalArgumentException("amount must be positive");
    }
    return new Posting(transferId, account, -amount, ref, at);
  }

  public static Posting credit(
      UUID transferId, Account account, long amount, String ref, Instant at) {
    if (amount <= 0) {
      throw new IllegalArgumentException("amount must be positive");
    }
    return new Posting(transferId, account, amount, ref, at);
  }

  public UUID getId() {
    return id;
  }

  public UUID getTransferId() {
    return transferId;
  }

  public Account getAccount() {
    return account;
  }

  public long getAmountMinor() {
    return amountMinor;
  }

  public String getReference() {
    return reference;
  }

  public Instant getCreatedAt() {
    return createdAt;
  }
}
