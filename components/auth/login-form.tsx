"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";

import { Button } from "@/components/ui/button";
import { ErrorNotice } from "@/components/ui/error-notice";
import { Loading } from "@/components/ui/loading";
import { TextField } from "@/components/ui/text-field";

import { AuthCard } from "./auth-card";
import { PasswordField } from "./password-fields";
import { useSetupStatus, useSignIn } from "./use-auth";

/** Email and password; a Workbench without users sends the visitor to create the owner instead. */
export function LoginForm({ next }: { next: string }) {
  const router = useRouter();
  const setup = useSetupStatus();
  const signIn = useSignIn();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [missing, setMissing] = useState<string | null>(null);
  const setupRequired = setup.data?.setupRequired === true;

  useEffect(() => {
    if (setupRequired) router.replace("/setup");
  }, [setupRequired, router]);

  function submit(event: FormEvent) {
    event.preventDefault();
    if (!email.trim() || !password) {
      setMissing("Enter your email and password.");
      return;
    }
    setMissing(null);
    signIn.mutate({ email: email.trim(), password }, { onSuccess: () => router.replace(next) });
  }

  if (setup.isPending || setupRequired) {
    return (
      <AuthCard title="Sign in">
        <Loading />
      </AuthCard>
    );
  }
  return (
    <AuthCard
      title="Sign in"
      description="Sign in to manage agents, workflows and webhooks."
      footer="Ask an owner or admin of this Workbench for an account."
    >
      <form onSubmit={submit} noValidate className="space-y-4">
        <TextField
          label="Email"
          name="email"
          type="email"
          autoComplete="username"
          autoFocus
          value={email}
          onChange={(event) => setEmail(event.target.value)}
        />
        <PasswordField
          purpose="current"
          label="Password"
          name="password"
          value={password}
          onChange={(event) => setPassword(event.target.value)}
        />
        {missing ? <ErrorNotice error={new Error(missing)} /> : <ErrorNotice error={signIn.error} />}
        <Button type="submit" className="w-full" disabled={signIn.isPending || signIn.isSuccess}>
          {signIn.isPending || signIn.isSuccess ? "Signing in…" : "Sign in"}
        </Button>
      </form>
    </AuthCard>
  );
}
